import BEBSyntax
import Foundation

/// beb's library, which a development of one's own imports (`import "beb/axioms"` at the top
/// of a file) instead of naming beb's files on the command line:
///
/// - `beb/axioms`: the axiom schemas (`theorems/axioms/`, a file per subject) and the
///   definitions they and the paper use (`theorems/definitions.beb`);
/// - `beb/paper`: the whole bundled development, `theorems/` and `proofs/` — every result of
///   the paper, its repaired variants and their proofs (the axioms included).
///
/// The library is the `theorems/` and `proofs/` of beb's source folder, found in this order:
/// the folder named by the environment variable `BEB_LIBRARY`; the nearest folder above the
/// running executable that holds `theorems/axioms/` (a build in `.build/` of the source
/// folder); the source folder beb was built from.
public enum Library {
  /// The library names, in the order `--help` lists them.
  public static let names = ["beb/axioms", "beb/paper"]

  /// The folder holding the library's `theorems/` and `proofs/`, nil when none is found.
  public static func root(environment: [String: String] = ProcessInfo.processInfo.environment)
    -> String?
  {
    if let named = environment["BEB_LIBRARY"], !named.isEmpty {
      return holdsLibrary(named) ? named : nil
    }
    var candidates: [String] = []
    let executable =
      (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
      ?? Bundle.main.executablePath
    if let executable {
      var folder = URL(fileURLWithPath: executable).deletingLastPathComponent()
      for _ in 0..<6 {
        candidates.append(folder.path)
        folder = folder.deletingLastPathComponent()
      }
    }
    // This file is Sources/BEBCheck/Library.swift of the source folder.
    candidates.append(
      URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path)
    return candidates.first(where: holdsLibrary)
  }

  /// Why the library was not found, and what to do.
  public static func notFound(environment: [String: String] = ProcessInfo.processInfo.environment)
    -> String
  {
    if let named = environment["BEB_LIBRARY"], !named.isEmpty {
      return "cannot find beb's library: BEB_LIBRARY is '\(named)', which holds no "
        + "theorems/axioms/; set it to beb's source folder"
    }
    return "cannot find beb's library: set BEB_LIBRARY to beb's source folder (the one "
      + "holding theorems/ and proofs/)"
  }

  static func holdsLibrary(_ folder: String) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(
      atPath: folder + "/" + axiomsFolder, isDirectory: &isDirectory) && isDirectory.boolValue
  }

  /// Where the axiom schemas are, relative to the library's root: a file per subject.
  public static let axiomsFolder = "theorems/axioms"

  /// The files of library `name` under `root`, sorted; nil for an unknown name.
  public static func files(_ name: String, root: String) -> [String]? {
    /// The `.beb` files under `folder`, its subfolders included, sorted by path.
    func beb(_ folder: String) -> [String] {
      let path = root + "/" + folder
      let names = FileManager.default.enumerator(atPath: path)?.compactMap { $0 as? String } ?? []
      return names.filter { $0.hasSuffix(".beb") }.sorted().map { path + "/" + $0 }
    }
    switch name {
    case "beb/axioms": return beb(axiomsFolder) + [root + "/theorems/definitions.beb"]
    case "beb/paper": return beb("theorems") + beb("proofs")
    default: return nil
    }
  }
}
