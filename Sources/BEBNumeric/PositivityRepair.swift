import BEBKernel

/// Repairs of Definition 2.6's shape, "X is positive w.r.t. Y on B":
/// `∀ s0 : Text, ∀ s : Sentence, B(s) < 0 ⇒ X(s | s0) < Y(s | s0)`.
///
/// The generic repair never redraws a law for a hypothesis that applies a definition (a fresh
/// law rarely meets Def 2.2–2.4, and evaluating them is slow), and laws drawn on their own
/// rarely meet this one: every negative sentence must be less likely under X than under Y
/// after every prefix. It rejected about two fifths of lemma-3.3n-turn's attempts and a
/// quarter of the Lemma C.4 family's. Built for the shape instead: X is made from Y, after
/// each prefix of Y's tree, by taking a share of the mass of each negative sentence and
/// giving it to the others (in proportion to their mass under Y, or evenly where they have
/// none). Where Y gives a negative sentence no mass after some prefix, or no sentence is
/// nonnegative, no law is below Y there and nothing is proposed. The candidates are tried as
/// any repair's: kept only where the hypothesis holds and the earlier ones still do.
extension DirectedSampler {
  /// The subject X, the law Y and the behavior B when `f` (or the definition it applies) has
  /// Definition 2.6's shape with variables for all three.
  func positivity(_ f: Formula) -> (subject: Variable, other: Variable, behavior: Variable)? {
    var body = f
    if case .predicate(let id, let args) = f, let definition = definitions[id],
      definition.parameters.count == args.count
    {
      body = definition.body.substituting(
        Dictionary(uniqueKeysWithValues: zip(definition.parameters, args)))
    }
    guard case .forall(let s0, .forall(let s, .implies(let premise, let claim))) = body,
      s0.sort == .text, s.sort == .sentence,
      case .relation(.lt, .apply(.behavior, let scored), .number(let z)) = premise, z.isZero,
      scored.count == 2, case .variable(let b) = scored[0], scored[1] == .variable(s),
      case .relation(.lt, .apply(.probGiven, let left), .apply(.probGiven, let right)) = claim,
      left.count == 3, right.count == 3,
      case .variable(let x) = left[0], case .variable(let y) = right[0], x != y,
      left[1] == .variable(s), right[1] == .variable(s),
      left[2] == .variable(s0), right[2] == .variable(s0)
    else { return nil }
    return (x, y, b)
  }

  /// Laws for X below Y on B's negative sentences (see above): a share of 1/2, 3/4 or 1/4 of
  /// each negative sentence's mass moved, in a seeded random order.
  func positiveCandidates(
    _ shape: (subject: Variable, other: Variable, behavior: Variable), _ world: World,
    _ g: inout SeededGenerator
  ) -> [Model] {
    guard parameters.contains(shape.subject), case .law(.model(let y))? = world.values[shape.other],
      case .behavior(let scores)? = world.values[shape.behavior], scores.count == y.sentences
    else { return [] }
    let negative = scores.indices.filter { scores[$0] < 0 }
    guard !negative.isEmpty, negative.count < y.sentences else { return [] }
    var shares = [
      Rational(BigInt(1), BigInt(2)), Rational(BigInt(3), BigInt(4)),
      Rational(BigInt(1), BigInt(4)),
    ]
    g.shuffle(&shares)
    guard
      y.next.values.allSatisfy({ law in
        law.count == y.sentences && negative.allSatisfy { law[$0] > 0 }
      })
    else { return [] }
    let others = scores.indices.filter { scores[$0] >= 0 }
    return shares.map { share in
      let next = y.next.mapValues { law in
        let moved = negative.reduce(Rational.zero) { $0 + law[$1] * share }
        let mass = others.reduce(Rational.zero) { $0 + law[$1] }
        var new = law
        for i in negative { new[i] = law[i] - law[i] * share }
        for i in others {
          new[i] =
            law[i]
            + (mass.isZero ? moved / Rational(BigInt(others.count)) : moved * law[i] / mass)
        }
        return new
      }
      return Model(sentences: y.sentences, horizon: y.horizon, next: next)
    }
  }
}
