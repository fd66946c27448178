import BEBCheck
import BEBSyntax
import Foundation

extension BEB {
  /// `--necessity` of `beb check` and `beb report`: the necessity tables of every result of
  /// `report`, each hypothesis dropped and the statement run on worlds (as `beb whatif ID
  /// --necessity`), with a progress line on a terminal. The edits are made to the text of the
  /// files, so they are read again from `paths` (just loaded without error). On failure, the
  /// message to print.
  static func necessityTables(
    _ report: CheckReport, of development: Development, paths: [String], options: CheckOptions
  ) -> Result<[String: [HypothesisNecessity]], NecessityFailure> {
    // The imported library files too: a library result reported with --only is edited there.
    let sources =
      paths.flatMap { (try? Loader.discover($0).get()) ?? [] }
      + development.imported.sorted().compactMap { path in
        FileManager.default.contents(atPath: path).map {
          SourceFile(path: path, bytes: [UInt8]($0))
        }
      }
    let terminal = isatty(STDERR_FILENO) == 1
    do {
      return .success(
        try WhatIf.necessityTables(
          of: report, in: development, sources: sources, options: options
        ) { done, total, id, hypothesis in
          guard terminal else { return }
          progressLine(
            done < total ? "[\(done + 1)/\(total)] necessity: \(id) without \(hypothesis)" : nil)
        })
    } catch let failure as WhatIf.Failure {
      return .failure(NecessityFailure(message: failure.message))
    } catch {
      return .failure(NecessityFailure(message: "beb: error: \(error)"))
    }
  }

  struct NecessityFailure: Error {
    let message: String
  }
}
