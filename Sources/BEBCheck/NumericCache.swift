import BEBKernel
import BEBNumeric
import Foundation

/// Numeric verdicts kept on disk between runs, so that a repeated `beb check` or a
/// `beb whatif` redoes only the results an edit reaches.
///
/// A verdict is kept under a key that holds everything its check read — the result's id (the
/// worlds' salt), statement and proof trace (which includes the statements it cites), every
/// definition of the development, the budget and the seed — written as `CanonicalText`
/// (different inputs, different texts), and the identity of the program that computed it
/// (its version, and the size and modification time of its executable, so a rebuilt beb
/// never reads what an older build wrote). A file is named by a hash of its key and holds the
/// whole key, which is compared in full before the verdict is used: an entry whose key
/// differs (stale, or a hash collision) is never used, and is overwritten by the next check.
/// Entries are written atomically; a folder that cannot be written makes the cache a no-op
/// (checking never fails because of it).
public struct NumericCache: Sendable {
  public static let schema = "beb-numeric-cache/2"
  /// The folder of the entries.
  public let folder: String
  /// The identity of the program computing the verdicts (see `engine(version:)`).
  public let engine: String

  public init(folder: String, engine: String) {
    (self.folder, self.engine) = (folder, engine)
  }

  /// This program's identity: `version`, and the size and modification time of the running
  /// executable; nil when they cannot be read (then no cache is used).
  public static func engine(version: String) -> String? {
    let candidates = ["/proc/self/exe", Bundle.main.executablePath].compactMap { $0 }
    for path in candidates {
      let resolved = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? path
      guard let attributes = try? FileManager.default.attributesOfItem(atPath: resolved),
        let size = attributes[.size] as? NSNumber,
        let modified = attributes[.modificationDate] as? Date
      else { continue }
      return
        "beb \(version); \(resolved); \(size) bytes; modified \(modified.timeIntervalSince1970)"
    }
    return nil
  }

  /// The key of one result's numeric check.
  func key(_ id: String, _ check: String) -> String {
    var out = "engine " + engine + "\nresult "
    CanonicalText.name(id, into: &out)
    return out + "\n" + check
  }

  /// The entry's file: 16 hexadecimal digits of the key's FNV-1a hash.
  func path(_ key: String) -> String {
    let hash = key.utf8.reduce(UInt64(0xCBF2_9CE4_8422_2325)) {
      ($0 ^ UInt64($1)) &* 0x100_0000_01B3
    }
    let digits = String(hash, radix: 16)
    return folder + "/" + String(repeating: "0", count: 16 - digits.count) + digits + ".json"
  }

  private struct Entry: Codable {
    let schema: String
    let key: String
    let verdict: NumericVerdict
  }

  /// The verdict kept under exactly `key`, if any.
  func verdict(_ key: String) -> NumericVerdict? {
    guard let data = FileManager.default.contents(atPath: path(key)),
      let entry = try? JSONDecoder().decode(Entry.self, from: data),
      entry.schema == Self.schema, entry.key == key
    else { return nil }
    return entry.verdict
  }

  /// Keeps `verdict` under `key` (atomically); a failure to write is ignored.
  func keep(_ verdict: NumericVerdict, _ key: String) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    guard
      let data = try? encoder.encode(Entry(schema: Self.schema, key: key, verdict: verdict)),
      let text = String(data: data, encoding: .utf8)
    else { return }
    try? AtomicWrite.makeFolder(folder)
    try? AtomicWrite.write(text, to: path(key))
  }
}
