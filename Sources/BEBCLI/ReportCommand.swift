import BEBCheck
import Foundation

extension BEB {
  /// `beb report`: not implemented yet.
  static func report(_ arguments: [String], in directory: String?) -> Outcome {
    Outcome(
      status: 2, stdout: "",
      stderr: "beb: error: unsupported: 'beb report' is not implemented yet\n")
  }
}
