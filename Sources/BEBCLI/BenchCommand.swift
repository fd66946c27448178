import BEBCheck
import Foundation

extension BEB {
  /// `beb bench`: not implemented yet.
  static func bench(_ arguments: [String], in directory: String?) -> Outcome {
    Outcome(
      status: 2, stdout: "",
      stderr: "beb: error: unsupported: 'beb bench' is not implemented yet\n")
  }
}
