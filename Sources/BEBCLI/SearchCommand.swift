import BEBCheck
import BEBSyntax
import Foundation

extension BEB {
  static let searchUsage = """
    Usage: beb search PATTERN [PATH...]

    Lists the definitions, axiom schemas and results whose statement contains an expression
    of the shape PATTERN, with their ids, places and statements — to find what to cite.
    PATTERN is written as in a .beb file, with _ for any subexpression:

      beb search 'log(_ · _)'          # the logarithm of a product: ax-log-mul, ...
      beb search '|_ - _| ≤ _'         # bounds on a distance
      beb search 'P(_ | _)'            # statements about conditionals

    Operators, function names and variable names must be as written in the statement
    (log(a · _) finds log(a · b), not log(x · y)); parentheses and the names quantifiers bind
    do not matter. Results matching in their conclusion come first, then those matching in a
    hypothesis only (named). Searched: beb's library (beb/paper, found as for import) and the
    theorems/ and proofs/ of the current folder, or the given files and folders.

    Exit codes: 0 something found; 1 nothing found; 2 bad pattern or bad usage.
    """

  static func search(_ arguments: [String], in directory: String?) -> Outcome {
    let help = "beb search --help"
    let pattern: String
    var paths: [String]
    do throws(UsageError) {
      let parsed = try CommandOptions(arity: [:]).parse(arguments)
      if parsed.wantsHelp { return Outcome(status: 0, stdout: searchUsage + "\n", stderr: "") }
      guard let first = parsed.positional.first else {
        throw UsageError(message: "missing pattern, e.g. beb search 'log(_ · _)'")
      }
      pattern = first
      paths = Array(parsed.positional.dropFirst())
    } catch {
      return usageError(error.message, help: help)
    }
    let expression: Expr
    let file = SourceFile(path: "PATTERN", text: pattern)
    do {
      expression = try Parser.parseExpression(file)
    } catch {
      return Outcome(status: 2, stdout: "", stderr: error.diagnostic(in: file).rendered + "\n")
    }
    let base = directory ?? FileManager.default.currentDirectoryPath
    let withLibrary = paths.isEmpty
    if paths.isEmpty { paths = defaultFolders(base) }
    var (sources, unreadable) = discover(paths, base: base, directory)
    if let unreadable { return unreadable }
    if withLibrary {
      // The library too, through an import (loaded once, beside the files of this folder).
      sources.append(SourceFile(path: "(beb's library)", text: "import \"beb/paper\"\n"))
    }
    let development: Development
    switch Loader.load(sources: sources) {
    case .failure(let failure):
      return loadFailed(failure, base: base, directory)
    case .success(let loaded): development = loaded
    }
    let found = Search.matches(expression, in: development)
    guard !found.isEmpty else {
      return Outcome(
        status: 1, stdout: "",
        stderr: "no statement contains \(Printer.print(expression)) "
          + "(searched \(development.entries.count) definitions and results)\n")
    }
    var out = ""
    for match in found {
      let entry = match.entry
      // A file under the current folder (the library's too, when beb runs in its source
      // folder) is shown relative to it, as the user would type it.
      let path =
        entry.path.hasPrefix(base + "/") ? String(entry.path.dropFirst(base.count + 1)) : entry.path
      out += "\(entry.id)  \(entry.kind.rawValue)  \(path):\(entry.line)"
      out += entry.title.map { "  \"\($0)\"" } ?? ""
      if !match.inConclusion {
        out += "  (in hypothesis \(match.hypotheses.joined(separator: ", ")))"
      }
      out += "\n"
      let text =
        entry.declaration.map { Printer.print(Item.result($0)) } ?? Printer.print(entry.statement)
      for line in text.split(separator: "\n").dropFirst(entry.declaration == nil ? 0 : 1) {
        out += "    " + line.trimmingCharacters(in: .whitespaces) + "\n"
      }
    }
    out +=
      "\(found.count) match\(found.count == 1 ? "" : "es") among \(development.entries.count) "
      + "definitions and results\n"
    return Outcome(status: 0, stdout: relative(out, to: base, directory), stderr: "")
  }
}
