import BEBKernel

/// Conditional laws in the form that is cheapest to evaluate, denoting the same law.
///
/// `P(·|s0)` evaluated as written costs, for every text t asked of it, P(s0 ⊕ t) / P(s0): two
/// chain-rule products over the whole prefix, and a cache entry keyed by it. Inside a sum over
/// the prefixes s0 of length j (`Σ_j E[s0 ~ P, |s0| = j] KL(P(·|s0) ∥ Q(·|s0))`, Thm B.1's
/// chain rule) that was two thirds of the time of thm-B.1-repaired on worlds. The law after a
/// prefix depends on less than the prefix, and `conditioned` says so, only where it is sure:
///
/// - a model is a Markov chain past its horizon (World.swift): P(s0 ⊕ t) / P(s0) is the
///   product of the next-sentence laws after the contexts of s0 ⊕ t's prefixes, and
///   context(s0 ⊕ u) = context(context(s0) ⊕ u); so P(·|s0) = P(·|c) for c = context(s0),
///   when P(s0) ≠ 0 and P(c) ≠ 0 (a model's probabilities are not negative, so these are
///   P(s0) > 0 and P(c) > 0; on a horizon-1 world, c = ⟨⟩ and P(·|s0) = P);
/// - a mixture: (w·A + (1−w)·B)(·|s0) = w'·A(·|s0) + (1−w')·B(·|s0) with
///   w' = w·A(s0) / (w·A(s0) + (1−w)·B(s0)) — algebra, when A(s0) > 0, B(s0) > 0 and the
///   denominator is not 0 (the posterior weight of Bayes' rule);
/// - a conditional of a conditional: L(·|p)(·|s0) = L(·|p ⊕ s0) when L(p) ≠ 0 (both sides
///   are x/0 = 0 where L(p ⊕ s0) = 0).
///
/// "Sure" means decided by the zeros of a model's laws, or by the enclosures (an interval of
/// one sign); otherwise the law is kept as written. A weight w' of the fast pass is an enclosure, and a law with it is
/// evaluated by interval arithmetic over it, which contains the value at the true w'.
extension Evaluator {
  func conditioned(_ law: Law, on prefix: [Int]) -> Law {
    // A mixture is asked again and again for one prefix (`B[P(·|s0)](s)` for every s a
    // quantifier tries), and its form costs the parts' probabilities of the prefix: it is
    // kept for the evaluator's world, by the pass, whose probabilities (enclosures or exact)
    // its weights are made of. The other forms cost less than looking them up (the whole
    // development's check took 6% to 12% longer when every law was kept).
    guard case .mixture = law else { return cheapestForm(law, on: prefix) }
    let key = EvaluationCache.Hashed(Decided.Conditional(law: law, prefix: prefix, fast: pass.fast))
    if let known = decided.conditionals[key] { return known }
    let form = cheapestForm(law, on: prefix)
    if decided.conditionals.count >= 4096 { decided.conditionals.removeAll(keepingCapacity: true) }
    decided.conditionals[key] = form
    return form
  }

  private func cheapestForm(_ law: Law, on prefix: [Int]) -> Law {
    if world.conditionals == .continued, let law = continuation(law, on: prefix) { return law }
    // L(·|⟨⟩) = L when L(⟨⟩) = 1 (`hasMassOne`); a mixture with a conditional on an
    // impossible prefix among its parts may give ⟨⟩ another mass, and is kept as written.
    if prefix.isEmpty { return law.hasMassOne ? law : .conditional(law, prefix) }
    let asWritten = Law.conditional(law, prefix)
    func nonzero(_ i: Interval?) -> Bool { i.map { $0.isPositive || $0.isNegative } ?? false }
    switch law {
    case .model(let model):
      let context = model.context(prefix)
      // P(s0) ≠ 0 from the zeros of its chain rule (`Model.isPossible`: lookups, not the
      // product of up to 64 factors, exact or enclosed).
      guard context.count < prefix.count, model.isPossible(prefix),
        context.isEmpty || model.isPossible(context)
      else { return asWritten }
      return context.isEmpty ? law : .conditional(law, context)
    case .mixture(let w, let a, let b):
      guard let pa = probability(a, prefix), let pb = probability(b, prefix), pa.isPositive,
        pb.isPositive
      else { return asWritten }
      let wa = w * pa
      let denominator = wa + (Interval(.one) - w) * pb
      guard nonzero(denominator), let posterior = wa / denominator else { return asWritten }
      return .mixture(posterior, conditioned(a, on: prefix), conditioned(b, on: prefix))
    case .conditional(let inner, let first):
      guard nonzero(probability(inner, first)) else { return asWritten }
      return conditioned(inner, on: first + prefix)
    case .bestOfN:
      return asWritten
    }
  }

  /// `law(·|prefix)` on a world where a conditional on an impossible prefix is the law's
  /// continuation (`Conditionals.continued`, an assumption edit), where that differs from the
  /// zero law; nil where `conditioned`'s forms already denote it (the prefix is possible, or
  /// not known to be impossible: then the ratio P(prefix ⊕ t)/P(prefix) is the conditional,
  /// or undefined on the enclosures — never the zero law).
  /// - a model: its continuation after the prefix (`Model.continued`) when P(prefix) = 0;
  /// - a mixture giving the prefix probability 0 (each component with a nonzero weight gives
  ///   it 0): the components' continuations with the prior weight, a law;
  /// - a conditional L(·|p): L(·|p ⊕ prefix), both being L's continuation when either prefix
  ///   is impossible;
  /// - best-of-n over L: best-of-n over L(·|prefix) — decoding after the prefix draws from
  ///   L's next-sentence laws after it, which is the conditional where the prefix is possible.
  func continuation(_ law: Law, on prefix: [Int]) -> Law? {
    guard !prefix.isEmpty else { return nil }
    func zero(_ i: Interval?) -> Bool { i?.exact?.isZero == true }
    switch law {
    case .model(let model):
      return model.isPossible(prefix) ? nil : .model(model.continued(after: prefix))
    case .mixture(let w, let a, let b):
      let (pa, pb) = (probability(a, prefix), probability(b, prefix))
      guard zero(pa) || zero(w), zero(pb) || w.exact == .one else { return nil }
      return .mixture(w, conditioned(a, on: prefix), conditioned(b, on: prefix))
    case .conditional(let inner, let first):
      return conditioned(inner, on: first + prefix)
    case .bestOfN(let inner, let scores, let n):
      return .bestOfN(conditioned(inner, on: prefix), scores, n)
    }
  }
}
