import CryptoKit
import Foundation
import os

private let log = Logger(subsystem: "com.acme.wallet", category: "tls")

/// Default delegate: system trust evaluation first, then SPKI pinning for our own hosts.
final class PinnedTrustDelegate: NSObject, URLSessionDelegate {
    private let pins: [String: Set<String>]

    init(pins: [String: Set<String>] = AppConfig.pinnedKeyHashes) {
        self.pins = pins
    }

    func urlSession(_ session: URLSession,
                    didReceive challenge: URLAuthenticationChallenge,
                    completionHandler: @escaping (URLSession.AuthChallengeDisposition, URLCredential?) -> Void) {
        guard challenge.protectionSpace.authenticationMethod == NSURLAuthenticationMethodServerTrust,
              let serverTrust = challenge.protectionSpace.serverTrust else {
            completionHandler(.performDefaultHandling, nil)
            return
        }
        let host = challenge.protectionSpace.host
        SecTrustSetPolicies(serverTrust, SecPolicyCreateSSL(true, host as CFString))

        var error: CFError?
        guard SecTrustEvaluateWithError(serverTrust, &error) else {
            log.error("trust evaluation failed for \(host, privacy: .public): \(String(describing: error))")
            completionHandler(.cancelAuthenticationChallenge, nil)
            return
        }
        guard let expected = pins[host] else {
            // not a pinned host, and the system already validated the chain
            completionHandler(.useCredential, URLCredential(trust: serverTrust))
            return
        }
        guard let chain = SecTrustCopyCertificateChain(serverTrust) as? [SecCertificate],
              let leaf = chain.first,
              let key = SecCertificateCopyKey(leaf),
              let keyData = SecKeyCopyExternalRepresentation(key, nil) as Data? else {
            completionHandler(.cancelAuthenticationChallenge, nil)
            return
        }
        let hash = Data(SHA256.hash(data: keyData)).base64EncodedString()
        if expected.contains(hash) {
            completionHandler(.useCredential, URLCredential(trust: serverTrust))
        } else {
            log.error("pin mismatch for \(host, privacy: .public)")
            completionHandler(.cancelAuthenticationChallenge, nil)
        }
    }
}

/// Debug builds only: staging sits behind the office proxy, which re-signs
/// TLS with a root the simulators do not have installed.
final class StagingTrustDelegate: NSObject, URLSessionDelegate {
    func urlSession(_ session: URLSession,
                    didReceive challenge: URLAuthenticationChallenge,
                    completionHandler: @escaping (URLSession.AuthChallengeDisposition, URLCredential?) -> Void) {
        guard challenge.protectionSpace.authenticationMethod == NSURLAuthenticationMethodServerTrust,
              let serverTrust = challenge.protectionSpace.serverTrust else {
            completionHandler(.performDefaultHandling, nil)
            return
        }
        log.debug("accepting staging certificate for \(challenge.protectionSpace.host, privacy: .public)")
        completionHandler(.useCredential, URLCredential(trust: serverTrust)) // expect: MUFI004
    }
}

/// Client certificates for the POS bridge (mutual TLS); server trust is left to the system.
final class ClientCertificateDelegate: NSObject, URLSessionTaskDelegate {
    private let identity: SecIdentity

    init(identity: SecIdentity) {
        self.identity = identity
    }

    func urlSession(_ session: URLSession, task: URLSessionTask,
                    didReceive challenge: URLAuthenticationChallenge) async -> (URLSession.AuthChallengeDisposition, URLCredential?) {
        switch challenge.protectionSpace.authenticationMethod {
        case NSURLAuthenticationMethodClientCertificate:
            return (.useCredential, URLCredential(identity: identity, certificates: nil, persistence: .forSession))
        default:
            return (.performDefaultHandling, nil)
        }
    }
}
