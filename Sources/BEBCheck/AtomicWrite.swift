import Foundation

/// Writes files so that a reader never sees a half-written one: the contents go to a
/// temporary file in the same folder, which is then renamed over the target (rename is
/// atomic within a file system). On failure the temporary file is removed and the old file,
/// if any, is left as it was.
public enum AtomicWrite {
  /// Why a file could not be written.
  public struct Failure: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "cannot write '\(path)': \(reason)" }
  }

  /// Creates `folder` (and its parents) if missing.
  public static func makeFolder(_ folder: String) throws(Failure) {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
      guard isDirectory.boolValue else { throw Failure(path: folder, reason: "not a folder") }
      return
    }
    do {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    } catch {
      throw Failure(
        path: folder, reason: "cannot create the folder (\(error.localizedDescription))")
    }
  }

  /// Writes `contents` to `path` atomically. The temporary file is `.NAME.tmp-PID-N` next to
  /// the target.
  public static func write(_ contents: String, to path: String) throws(Failure) {
    let url = URL(fileURLWithPath: path)
    let folder = url.deletingLastPathComponent().path
    let temporary =
      folder + "/." + url.lastPathComponent + ".tmp-\(ProcessInfo.processInfo.processIdentifier)-"
      + String(counter.next())
    guard FileManager.default.createFile(atPath: temporary, contents: Data(contents.utf8)) else {
      try? FileManager.default.removeItem(atPath: temporary)
      throw Failure(path: path, reason: "cannot create a temporary file in '\(folder)'")
    }
    // On disk before the rename, so a crash cannot leave the new name with lost contents.
    if let handle = FileHandle(forWritingAtPath: temporary) {
      try? handle.synchronize()
      try? handle.close()
    }
    // rename(2) replaces the target in one step; a folder in the way makes it fail.
    guard rename(temporary, path) == 0 else {
      let reason = String(cString: strerror(errno))
      try? FileManager.default.removeItem(atPath: temporary)
      throw Failure(path: path, reason: reason)
    }
  }

  /// Distinct temporary names for writes from one process.
  private static let counter = Counter()

  private final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    func next() -> Int {
      lock.lock()
      defer { lock.unlock() }
      value += 1
      return value
    }
  }
}
