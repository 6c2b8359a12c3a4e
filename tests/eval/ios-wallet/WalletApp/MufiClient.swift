import Foundation

/// Thin URLSession client for the few Mufi endpoints the beta calls directly.
/// Everything else goes through wallet-api (see APIClient.swift).
final class MufiClient {
    enum Environment {
        case production, staging, mock

        var baseURL: URL {
            switch self {
            case .production: return URL(string: "https://api.mufi.app/v1")! // expect: MUFI002
            case .staging: return URL(string: "http://dev.api.mufi.app/v1")! // expect: MUFI002, MUFI003
            case .mock: return URL(string: "http://localhost:4010/v1")!
            }
        }
    }

    struct HTTPError: Error, LocalizedError {
        let status: Int
        var errorDescription: String? { "Mufi request failed with status \(status)" }
    }

    private let environment: Environment
    private let session: URLSession
    private let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()

    init(environment: Environment = .production, session: URLSession? = nil) {
        self.environment = environment
        if let session {
            self.session = session
        } else if environment == .staging && AppConfig.allowsInsecureStaging {
            self.session = URLSession(configuration: .ephemeral, delegate: StagingTrustDelegate(), delegateQueue: nil)
        } else {
            let configuration = URLSessionConfiguration.default
            configuration.timeoutIntervalForRequest = 15
            configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
            configuration.tlsMinimumSupportedProtocolVersion = .TLSv12
            self.session = URLSession(configuration: configuration, delegate: PinnedTrustDelegate(), delegateQueue: nil)
        }
    }

    func version() async throws -> VersionInfo {
        let (data, response) = try await session.data(from: environment.baseURL.appendingPathComponent("version"))
        try Self.check(response)
        return try decoder.decode(VersionInfo.self, from: data)
    }

    func profile(userID: String) async throws -> UserProfile {
        var request = URLRequest(url: environment.baseURL.appendingPathComponent("users/profile"))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("Bearer \(AppConfig.mufiAPIKey)", forHTTPHeaderField: "Authorization") // expect: MUFI002
        request.httpBody = try JSONEncoder().encode(["userId": userID])
        let (data, response) = try await session.data(for: request)
        try Self.check(response)
        return try decoder.decode(UserProfile.self, from: data)
    }

    private static func check(_ response: URLResponse) throws {
        guard let http = response as? HTTPURLResponse else { return }
        guard (200..<300).contains(http.statusCode) else { throw HTTPError(status: http.statusCode) }
    }
}

struct VersionInfo: Decodable {
    let version: String
}

struct UserProfile: Decodable, Identifiable {
    struct Wallet: Decodable {
        let address: String
    }

    struct Balance: Decodable, Identifiable {
        let productId: String
        let name: String
        let quantity: Int
        var id: String { productId }
    }

    let id: String
    let email: String
    let emailVerified: Bool?
    let wallet: Wallet?
    let products: [Balance]
}
