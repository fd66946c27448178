import Dispatch

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
}
