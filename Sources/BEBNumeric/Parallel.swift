import Dispatch
import Synchronization

/// Runs independent iterations on every core, or on this thread only.
public enum Parallel {
  /// `body(0) … body(count − 1)`, side by side when `parallel` (on Dispatch's pool; nested
  /// calls share it), else in order on this thread. Callers collect results by index, so
  /// what they produce does not depend on the order the iterations finish in.
  public static func forEach(_ count: Int, parallel: Bool, _ body: @Sendable (Int) -> Void) {
    if parallel && count > 1 {
      DispatchQueue.concurrentPerform(iterations: count, execute: body)
    } else {
      for index in 0..<count { body(index) }
    }
  }

  /// `body(0) … body(count − 1)` taken in index order by `lanes` workers side by side, when
  /// `parallel`; else in order on this thread. The workers are tasks of Dispatch's pool, not
  /// the iterations of a parallel loop, so a parallel loop inside `body` (`forEach`) still
  /// spreads over every core — inside `concurrentPerform` it runs on one thread — and a
  /// worker whose neighbour has finished gets the idle core. Returns when every body has.
  public static func lanes(
    _ count: Int, lanes: Int, parallel: Bool, _ body: @Sendable (Int) -> Void
  ) {
    guard parallel, lanes > 1, count > 1 else {
      for index in 0..<count { body(index) }
      return
    }
    final class Next: Sendable {
      let index = Mutex(0)
      func take() -> Int {
        index.withLock { next in
          defer { next += 1 }
          return next
        }
      }
    }
    let next = Next()
    let group = DispatchGroup()
    // Every task is waited for below, before `body` goes out of scope. The calling thread is
    // one of the lanes, so the work goes on even when the pool has no thread free (a caller
    // that is itself a task of the pool).
    withoutActuallyEscaping(body) { body in
      for _ in 1..<Swift.min(lanes, count) {
        DispatchQueue.global().async(group: group) {
          while case let index = next.take(), index < count { body(index) }
        }
      }
      while case let index = next.take(), index < count { body(index) }
      group.wait()
    }
  }
}
