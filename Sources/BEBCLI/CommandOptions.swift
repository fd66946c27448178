import BEBCheck

/// Bad usage of a command: the message, printed with "Run 'beb COMMAND --help' for usage."
struct UsageError: Error {
  let message: String
}

/// The options of one command, read the same way by every command: `--name` (a flag),
/// `--name VALUE` or `--name=VALUE`, an option with two values (`--replace HYP FORMULA`),
/// positional arguments, and `-h`/`--help`. An unknown option, or a missing or empty value,
/// is bad usage; an unknown option gets a did-you-mean among the command's options.
struct CommandOptions {
  /// How many values each option takes (0: a flag).
  let arity: [String: Int]
  /// What the values of an option are, for the message when they are missing
  /// (`"HYP 'FORMULA'"`); "a value" otherwise.
  var forms: [String: String] = [:]

  struct Parsed {
    /// The options in the order given, each with its values.
    var options: [(name: String, values: [String])] = []
    var positional: [String] = []
    var wantsHelp = false

    /// Whether the option `name` was given.
    func has(_ name: String) -> Bool { options.contains { $0.name == name } }
  }

  func parse(_ arguments: [String]) throws(UsageError) -> Parsed {
    var parsed = Parsed()
    var index = 0
    while index < arguments.count {
      var name = arguments[index]
      index += 1
      if name == "-h" || name == "--help" {
        parsed.wantsHelp = true
        continue
      }
      guard name.hasPrefix("-") && name != "-" else {
        parsed.positional.append(name)
        continue
      }
      var values: [String] = []
      if name.hasPrefix("--"), let equals = name.firstIndex(of: "=") {
        values.append(String(name[name.index(after: equals)...]))
        name = String(name[..<equals])
      }
      guard let count = arity[name] else {
        let hint =
          ElaborationError.suggestion(for: name, among: arity.keys.sorted() + ["--help"]).map {
            "; did you mean '\($0)'?"
          } ?? ""
        throw UsageError(message: "unknown option '\(name)'\(hint)")
      }
      if count == 0 && !values.isEmpty {
        throw UsageError(message: "option '\(name)' takes no value")
      }
      while values.count < count && index < arguments.count {
        values.append(arguments[index])
        index += 1
      }
      guard values.count == count, values.allSatisfy({ !$0.isEmpty }) else {
        throw UsageError(message: "option '\(name)' needs \(forms[name] ?? "a value")")
      }
      parsed.options.append((name, values))
    }
    return parsed
  }

  /// `--worlds N`: a whole number from 1 (or, `allowingZero`, 0) to 10,000,000.
  static func worlds(_ text: String, allowingZero: Bool = false) throws(UsageError) -> Int {
    try whole(text, "--worlds", from: allowingZero ? 0 : 1, max: 10_000_000)
  }

  /// `--seed S`: a whole number from 0 to 2^64 − 1.
  static func seed(_ text: String) throws(UsageError) -> UInt64 {
    guard let s = UInt64(text) else {
      throw UsageError(
        message: "'--seed' needs a whole number from 0 to \(UInt64.max), not '\(text)'")
    }
    return s
  }

  /// A whole number from `least` (1 unless given) to `max` for `flag`.
  static func whole(_ text: String, _ flag: String, from least: Int = 1, max: Int)
    throws(UsageError) -> Int
  {
    guard let n = Int(text), n >= least, n <= max else {
      throw UsageError(
        message: "'\(flag)' needs a whole number from \(least) to \(max), not '\(text)'")
    }
    return n
  }
}
