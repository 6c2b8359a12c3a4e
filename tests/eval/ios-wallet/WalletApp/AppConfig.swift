import Foundation

/// Build-time configuration. Values that differ per scheme come from the
/// xcconfig files through Info.plist; nothing secret should live in this file.
enum AppConfig {
    enum Scheme: String {
        case debug = "Debug", beta = "Beta", release = "Release"
    }

    static var scheme: Scheme {
        let raw = Bundle.main.object(forInfoDictionaryKey: "ACMEScheme") as? String ?? "Release"
        return Scheme(rawValue: raw) ?? .release
    }

    // Our own backend; it holds the server-side Mufi key.
    static let walletAPI = URL(string: "https://wallet-api.acme-retail.com")!
    static let walletAPIStaging = URL(string: "https://wallet-api.staging.acme-retail.com")!
    static let localMock = URL(string: "http://localhost:4010")!
    static let simulatorBackend = URL(string: "http://127.0.0.1:8787")!

    static let statusPage = URL(string: "http://status.acme-retail.com")! // expect: MUFI003
    static let receiptsUpload = URL(string: "http://receipts.partner-pos.com/upload")! // expect: MUFI003
    static let walletDocs = URL(string: "https://docs.mufi.app/wallets/overview")!
    static let termsURL = URL(string: "https://rewards.acme-retail.com/legal/wallet-terms")!

    /// Read key for the direct profile path (beta only, WAL-88). Set in Beta.xcconfig.
    static let mufiAPIKey: String = Bundle.main.object(forInfoDictionaryKey: "MufiAPIKey") as? String ?? "" // expect: MUFI002

    // expect: MUFI001
    // previous beta key, revoked? check with platform before deleting: eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJwcm9qZWN0IjoicHJqX2lvczciLCJwZXJtaXNzaW9uIjoiUmVhZCIsImlhdCI6MTcxMjEwMjQwMH0.jzqZnL-cZAzcBRJkh6yb8D5Le3Hl7K2V70cr9Q2Ajes

    /// Keychain service and access group for the session token.
    static let keychainService = "com.acme.wallet.session"
    static let keychainAccessGroup = "ABCDE12345.com.acme.wallet.shared"

    /// Hosts we pin (SPKI SHA-256, base64). Two pins so we can rotate.
    static let pinnedKeyHashes: [String: Set<String>] = [
        "wallet-api.acme-retail.com": [
            "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",
            "Vjs8r4z+80wjNcr1YKepWQboSIRi63WsWXhIMN+eWys=",
        ],
    ]

    static var allowsInsecureStaging: Bool {
        #if DEBUG
        return ProcessInfo.processInfo.arguments.contains("-AllowInsecureStaging")
        #else
        return false
        #endif
    }

    #if DEBUG
    /// Decoded by the SwiftUI previews only; never sent anywhere.
    static let previewSessionToken = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c3JfMDFIWlgzUFJFVklFVyIsImVtYWlsIjoicHJldmlld0BhY21lLXJldGFpbC5jb20iLCJyb2xlIjoiY3VzdG9tZXIiLCJleHAiOjE4OTM0NTYwMDB9.w_5pyxQoEJELwUT-BOm_UDX2YaNrLZTYPbdcL276FdM" // expect: MUFI001
    #endif

    /// Turns "http://" links from the CMS into https before we open them.
    static func upgraded(_ url: URL) -> URL {
        guard url.scheme == "http", var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else {
            return url
        }
        components.scheme = "https"
        return components.url ?? url
    }
}
