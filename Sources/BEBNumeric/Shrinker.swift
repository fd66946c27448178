import BEBKernel

/// Makes a counterexample world smaller while it stays a counterexample: a shorter horizon (the
/// prefix tree cut one level up, which is again a model), then simpler numbers for each real
/// parameter (0, ±1, ±1/2, 2, its integer part, halves; each in the parameter's sort). Every
/// candidate is kept only if `keep` — the caller's re-validation: hypotheses known true and the
/// claim known false — still holds, so the returned world is re-validated by construction.
public enum Shrinker {
  public static func shrink(
    _ world: World, parameters: [Variable], keep: (World) -> Bool, budget: Int = 60
  ) -> World {
    var best = world
    var tries = 0
    // A shorter horizon.
    while best.horizon > 1, tries < budget {
      tries += 1
      guard let shorter = cut(best), keep(shorter) else { break }
      best = shorter
    }
    // Simpler numbers.
    for p in parameters where [.real, .prob, .nat, .int].contains(p.sort) {
      guard case .number(let current)? = best.values[p], let x = current.exact else { continue }
      guard !x.isInteger || x.magnitude > 2 else { continue }
      let half = Rational(BigInt(1), BigInt(2))
      let candidates: [Rational] = [
        0, 1, -1, half, -half, 2, Rational(x.floor), Rational(x.ceiling),
        Rational((x * 2).floor) / 2,
      ]
      for candidate in candidates where candidate != x && tries < budget {
        if p.sort == .nat && (candidate.isNegative || !candidate.isInteger) { continue }
        if p.sort == .int && !candidate.isInteger { continue }
        // A Prob in its range ([0, 1] unless edited): a world with one outside is no world of
        // the sort, and its re-validation would throw the whole counterexample away.
        if p.sort == .prob && !best.assumptions.probabilities.contains(candidate) { continue }
        tries += 1
        var trial = best
        trial.values[p] = .number(Interval(candidate))
        if keep(trial) {
          best = trial
          break
        }
      }
    }
    return best
  }

  /// The world with every model's prefix tree cut one level up.
  static func cut(_ world: World) -> World? {
    let horizon = world.horizon - 1
    guard horizon >= 1 else { return nil }
    var values = world.values
    for (v, value) in world.values {
      switch value {
      case .law(.model(let m)):
        let next = m.next.filter { $0.key.count < horizon }
        values[v] = .law(.model(Model(sentences: m.sentences, horizon: horizon, next: next)))
      case .law: return nil
      case .text(let t) where t.count > horizon + 2: return nil
      default: break
      }
    }
    return World(
      sentences: world.sentences, horizon: horizon, values: values,
      assumptions: world.assumptions)
  }
}
