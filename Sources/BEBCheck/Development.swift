import BEBKernel
import BEBSyntax
import Foundation

/// A hypothesis of a result: its name, the formula as written, and its elaboration.
public struct Hypothesis: Sendable {
  public let name: String
  public let source: Expr
  public let formula: Formula
}

/// What kind of entry a development holds under an id.
public enum EntryKind: String, Sendable, CaseIterable {
  case definition, lemma, theorem, corollary, proposition, axiom

  init(_ kind: ResultKind) { self = EntryKind(rawValue: kind.rawValue)! }
}

/// A definition or result, elaborated: every name resolved, every sort checked.
public struct Entry: Sendable {
  public let kind: EntryKind
  public let id: String
  public let title: String?
  public let path: String
  public let line: Int
  public let variantOf: String?
  /// The universally quantified variables (`given`), or a definition's parameters.
  public let parameters: [Variable]
  public let hypotheses: [Hypothesis]
  /// The conclusion of a result, or the body of a definition.
  public let statement: Expr
  public let formula: Formula
  /// The proof, if the development has one (parsed; checked in a later release).
  public let proof: ProofDecl?
}

/// A loaded development: all entries and findings, in a deterministic order.
public struct Development: Sendable {
  public let files: [String]
  /// Sorted by id, numbers in ids compared as numbers (`def-2.10` after `def-2.9`).
  public let entries: [Entry]
  public let findings: [FindingDecl]

  public func entry(_ id: String) -> Entry? { entries.first { $0.id == id } }
}

/// The diagnostics that stopped a development from loading, sorted by file and position.
public struct LoadFailure: Error, Sendable {
  public let diagnostics: [Diagnostic]
}

/// Loads and elaborates a development, collecting every diagnostic it can (the first one per
/// file for syntax errors, one per item for elaboration errors).
public enum Loader {
  public static func load(paths: [String]) -> Result<Development, LoadFailure> {
    var diagnostics: [Diagnostic] = []
    var files: [SourceFile] = []
    for path in paths {
      switch discover(path) {
      case .success(let found): files += found
      case .failure(let diagnostic): diagnostics.append(diagnostic)
      }
    }
    if diagnostics.isEmpty && files.isEmpty {
      diagnostics.append(Diagnostic(fileProblem: paths.joined(separator: " "), "no .beb files found"))
    }
    return load(sources: files, diagnostics: diagnostics)
  }

  /// Loads files given as text (tests use this directly).
  public static func load(sources: [SourceFile], diagnostics: [Diagnostic] = [])
    -> Result<Development, LoadFailure>
  {
    var diagnostics = diagnostics
    var trees: [(SourceFile, SourceTree)] = []
    for file in sources {
      do {
        trees.append((file, try Parser.parse(file)))
      } catch {
        diagnostics.append(error.diagnostic(in: file))
      }
    }
    let development = elaborate(trees, files: sources.map(\.path), diagnostics: &diagnostics)
    guard diagnostics.isEmpty else {
      return .failure(LoadFailure(diagnostics: diagnostics.sorted(by: Diagnostic.precedes)))
    }
    return .success(development)
  }

  // MARK: Files

  /// The `.beb` files at `path`: the file itself, or every `.beb` file below a folder, sorted.
  static func discover(_ path: String) -> Result<[SourceFile], Diagnostic> {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      return .failure(Diagnostic(fileProblem: path, "no such file or directory"))
    }
    var paths = [path]
    if isDirectory.boolValue {
      guard let enumerator = FileManager.default.enumerator(atPath: path) else {
        return .failure(Diagnostic(fileProblem: path, "cannot read folder"))
      }
      let base = path.hasSuffix("/") ? path : path + "/"
      paths = enumerator.compactMap { $0 as? String }.filter { $0.hasSuffix(".beb") }.sorted()
        .map { base + $0 }
    }
    var files: [SourceFile] = []
    for path in paths {
      guard let data = FileManager.default.contents(atPath: path) else {
        return .failure(Diagnostic(fileProblem: path, "cannot read file"))
      }
      files.append(SourceFile(path: path, bytes: [UInt8](data)))
    }
    return .success(files)
  }

  // MARK: Elaboration

  private static func elaborate(
    _ trees: [(SourceFile, SourceTree)], files: [String], diagnostics: inout [Diagnostic]
  ) -> Development {
    // Pass 1: ids, their places, and the signatures of definitions.
    var global = GlobalContext()
    var places: [String: String] = [:]
    // The declaration that owns each id: its file and offset (later duplicates are dropped).
    var owners: [String: String] = [:]
    func owns(_ id: Name, _ file: SourceFile) -> Bool {
      owners[id.text] == "\(file.path)#\(id.span.start)"
    }
    var proofs: [String: ProofDecl] = [:]
    var findings: [FindingDecl] = []
    func claim(_ id: Name, in file: SourceFile) -> Bool {
      let (line, column) = file.location(of: id.span.start)
      if let previous = places[id.text] {
        let error = ElaborationError.duplicateID(id.text, previous: previous)
        diagnostics.append(Diagnostic(in: file, at: id.span, error.message))
        return false
      }
      places[id.text] = "\(file.path):\(line):\(column)"
      owners[id.text] = "\(file.path)#\(id.span.start)"
      return true
    }
    for (file, tree) in trees {
      for item in tree.items {
        switch item {
        case .definition(let definition):
          guard claim(definition.id, in: file) else { continue }
          do {
            var sorts: [Sort] = []
            for parameter in definition.parameters {
              let sort = try Elaborator(global: global).sortNamed(parameter.sort)
              sorts += Array(repeating: sort, count: parameter.names.count)
            }
            global.definitions[definition.id.text] = sorts
          } catch {
            diagnostics.append(Diagnostic(in: file, at: error.span, error.error.message))
          }
        case .result(let result):
          if claim(result.id, in: file) { global.results[result.id.text] = result.kind }
        case .finding(let finding):
          if claim(finding.id, in: file) { findings.append(finding) }
        case .proof:
          break
        }
      }
    }
    for (file, tree) in trees {
      for case .proof(let proof) in tree.items {
        do {
          try attach(proof, global: global, proofs: &proofs)
        } catch {
          diagnostics.append(Diagnostic(in: file, at: error.span, error.error.message))
        }
      }
    }
    // Pass 2: bodies, proofs and findings.
    var entries: [Entry] = []
    var uses: [String: [String]] = [:]
    for (file, tree) in trees {
      func report(_ error: LocatedElaborationError) {
        diagnostics.append(Diagnostic(in: file, at: error.span, error.error.message))
      }
      for item in tree.items {
        do throws(LocatedElaborationError) {
          switch item {
          case .definition(let definition):
            guard owns(definition.id, file), global.definitions[definition.id.text] != nil
            else { continue }
            var elaborator = Elaborator(global: global)
            let parameters = try elaborator.declare(definition.parameters)
            let body = try elaborator.formula(definition.body)
            uses[definition.id.text] = body.predicateNames.sorted()
            entries.append(
              Entry(
                kind: .definition, id: definition.id.text, title: definition.title,
                path: file.path, line: file.location(of: definition.span.start).line,
                variantOf: nil, parameters: parameters, hypotheses: [], statement: definition.body,
                formula: body, proof: nil))
          case .result(let result):
            guard owns(result.id, file) else { continue }
            entries.append(
              try elaborate(result, in: file, global: global, proof: proofs[result.id.text]))
          case .proof:
            break
          case .finding(let finding):
            guard global.results[finding.result.text] != nil else {
              throw LocatedElaborationError(unknown(finding.result.text, global), finding.result.span)
            }
          }
        } catch {
          report(error)
        }
      }
    }
    for cycle in cycles(uses) {
      let id = cycle[0]
      guard let entry = entries.first(where: { $0.id == id }),
        let (file, tree) = trees.first(where: { $0.0.path == entry.path }),
        case .definition(let definition)? = tree.items.first(where: {
          if case .definition(let d) = $0 { return d.id.text == id } else { return false }
        })
      else { continue }
      let error = ElaborationError.circularDefinition(cycle + [id])
      diagnostics.append(Diagnostic(in: file, at: definition.id.span, error.message))
    }
    return Development(
      files: files, entries: entries.sorted { naturalOrder($0.id, $1.id) },
      findings: findings.sorted { naturalOrder($0.id.text, $1.id.text) })
  }

  private static func elaborate(
    _ result: ResultDecl, in file: SourceFile, global: GlobalContext, proof: ProofDecl?
  ) throws(LocatedElaborationError) -> Entry {
    var elaborator = Elaborator(global: global)
    if let base = result.variantOf, global.results[base.text] == nil {
      throw LocatedElaborationError(unknown(base.text, global), base.span)
    }
    var parameters: [Variable] = []
    var hypotheses: [Hypothesis] = []
    var names: Set<String> = []
    var conclusion: (Expr, Formula)?
    for clause in result.clauses {
      switch clause {
      case .given(let params):
        for name in params.flatMap(\.names) where names.contains(name.text) {
          throw LocatedElaborationError(.duplicateName(name.text), name.span)
        }
        parameters += try elaborator.declare(params)
      case .let(let name, let value):
        if names.contains(name.text) {
          throw LocatedElaborationError(.duplicateName(name.text), name.span)
        }
        try elaborator.abbreviate(name, value)
      case .assume(let name, let formula):
        // Hypotheses share one namespace with the variables: a citation must be unambiguous.
        guard names.insert(name.text).inserted, elaborator.scope[name.text] == nil else {
          throw LocatedElaborationError(.duplicateName(name.text), name.span)
        }
        hypotheses.append(
          Hypothesis(name: name.text, source: formula, formula: try elaborator.formula(formula)))
      case .show(_, let formula):
        conclusion = (formula, try elaborator.formula(formula))
      }
    }
    guard let (statement, formula) = conclusion else {
      // The parser guarantees a `show` clause.
      throw LocatedElaborationError(.unsupported("result without conclusion"), result.id.span)
    }
    return Entry(
      kind: EntryKind(result.kind), id: result.id.text, title: result.title, path: file.path,
      line: file.location(of: result.span.start).line, variantOf: result.variantOf?.text,
      parameters: parameters, hypotheses: hypotheses, statement: statement, formula: formula,
      proof: proof)
  }

  private static func attach(
    _ proof: ProofDecl, global: GlobalContext, proofs: inout [String: ProofDecl]
  ) throws(LocatedElaborationError) {
    let id = proof.id.text
    guard global.results[id] != nil else {
      if global.definitions[id] != nil {
        throw LocatedElaborationError(
          .unsupported("a definition has no proof; '\(id)' is a definition"), proof.id.span)
      }
      throw LocatedElaborationError(unknown(id, global), proof.id.span)
    }
    guard proofs[id] == nil else {
      throw LocatedElaborationError(.duplicateProof(id), proof.id.span)
    }
    proofs[id] = proof
  }

  private static func unknown(_ id: String, _ global: GlobalContext) -> ElaborationError {
    let known = (Array(global.results.keys) + Array(global.definitions.keys)).sorted()
    return .unknownResult(id, suggestion: ElaborationError.suggestion(for: id, among: known))
  }

  /// Each cycle in the "definition uses definition" graph, once, starting at its least id.
  static func cycles(_ uses: [String: [String]]) -> [[String]] {
    var found: [[String]] = []
    var seen: Set<String> = []
    for start in uses.keys.sorted() {
      var path: [String] = []
      func visit(_ node: String) {
        if let index = path.firstIndex(of: node) {
          let cycle = Array(path[index...])
          let rotated = cycle.indices.map { Array(cycle[$0...] + cycle[..<$0]) }
            .min { $0.lexicographicallyPrecedes($1) }!
          if seen.insert(rotated.joined(separator: " ")).inserted { found.append(rotated) }
          return
        }
        guard path.count < 64 else { return }
        path.append(node)
        for next in uses[node] ?? [] { visit(next) }
        path.removeLast()
      }
      visit(start)
    }
    return found
  }

  /// Orders ids with their numbers compared as numbers: `def-2.9` < `def-2.10`.
  public static func naturalOrder(_ a: String, _ b: String) -> Bool {
    func chunks(_ s: String) -> [(Bool, String)] {
      var out: [(Bool, String)] = []
      for c in s {
        let digit = c.isASCII && c.isNumber
        if let last = out.last, last.0 == digit {
          out[out.count - 1].1.append(c)
        } else {
          out.append((digit, String(c)))
        }
      }
      return out
    }
    let x = chunks(a)
    let y = chunks(b)
    for (p, q) in zip(x, y) where p.1 != q.1 {
      if p.0 && q.0 {
        let (m, n) = (p.1.drop { $0 == "0" }, q.1.drop { $0 == "0" })
        if m.count != n.count { return m.count < n.count }
        if m != n { return m < n }
      }
      return p.1 < q.1
    }
    return x.count != y.count ? x.count < y.count : a < b
  }
}

extension Formula {
  /// The ids of the definitions this formula applies.
  public var predicateNames: Set<String> {
    switch self {
    case .truth, .relation: return []
    case .predicate(let id, _): return [id]
    case .not(let f), .forall(_, let f), .exists(_, let f): return f.predicateNames
    case .and(let fs), .or(let fs): return fs.reduce(into: []) { $0.formUnion($1.predicateNames) }
    case .implies(let a, let b), .iff(let a, let b): return a.predicateNames.union(b.predicateNames)
    }
  }
}
