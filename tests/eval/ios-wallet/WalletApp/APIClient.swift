import Alamofire
import Foundation

/// Alamofire session for wallet-api (our backend) plus the one Mufi call
/// the events tab still makes directly.
enum APIClient {
    static let session: Session = {
        let evaluators: [String: ServerTrustEvaluating] = [
            "wallet-api.acme-retail.com": PublicKeysTrustEvaluator(),
            "wallet-api.staging.acme-retail.com": DisabledTrustEvaluator(), // expect: MUFI004
            "cdn.acme-retail.com": DefaultTrustEvaluator(validateHost: true),
            "receipts.acme-retail.com": RevocationTrustEvaluator(options: .requirePositiveResponse),
        ]
        let trustManager = ServerTrustManager(allHostsMustBeEvaluated: false, evaluators: evaluators)

        let configuration = URLSessionConfiguration.af.default
        configuration.timeoutIntervalForRequest = 20
        configuration.waitsForConnectivity = true
        configuration.tlsMinimumSupportedProtocolVersion = .TLSv12

        return Session(configuration: configuration,
                       interceptor: SessionTokenInterceptor(),
                       serverTrustManager: trustManager,
                       eventMonitors: [NetworkLogger()])
    }()

    static func history(cursor: String?) async throws -> HistoryPage {
        var parameters: [String: String] = ["limit": "50"]
        if let cursor { parameters["cursor"] = cursor }
        return try await session.request(AppConfig.walletAPI.appendingPathComponent("me/history"), parameters: parameters)
            .validate()
            .serializingDecodable(HistoryPage.self)
            .value
    }

    /// Upcoming events; public data, but Mufi still wants a key. (WAL-88)
    static func upcomingEvents() async throws -> [EventSummary] {
        let page = try await AF.request("https://api.mufi.app/v1/events", // expect: MUFI002
                                        parameters: ["limit": "20", "status": "upcoming"],
                                        headers: [.authorization(bearerToken: AppConfig.mufiAPIKey)]) // expect: MUFI002
            .validate(statusCode: 200..<300)
            .serializingDecodable(EventPage.self)
            .value
        return page.items
    }
}

/// Adds the user's wallet-api session token (from the Keychain) to each request.
final class SessionTokenInterceptor: RequestInterceptor {
    func adapt(_ urlRequest: URLRequest, for session: Session, completion: @escaping (Result<URLRequest, Error>) -> Void) {
        var request = urlRequest
        if let token = Keychain.shared.string(for: "session-token") {
            request.headers.add(.authorization(bearerToken: token))
        }
        completion(.success(request))
    }

    func retry(_ request: Request, for session: Session, dueTo error: Error, completion: @escaping (RetryResult) -> Void) {
        guard let response = request.task?.response as? HTTPURLResponse, response.statusCode == 401 else {
            completion(.doNotRetry)
            return
        }
        Task {
            let refreshed = await SessionRefresher.shared.refresh()
            completion(refreshed ? .retry : .doNotRetry)
        }
    }
}

final class NetworkLogger: EventMonitor {
    let queue = DispatchQueue(label: "com.acme.wallet.network-logger")

    func requestDidFinish(_ request: Request) {
        #if DEBUG
        print("[net]", request.request?.httpMethod ?? "?", request.request?.url?.absoluteString ?? "?")
        #endif
    }
}

struct HistoryPage: Decodable {
    struct Item: Decodable, Identifiable {
        let id: String
        let label: String
        let amount: Int
    }
    let items: [Item]
    let nextCursor: String?
}

struct EventSummary: Decodable, Identifiable {
    let id: String
    let name: String
    let startsAt: Date
}

struct EventPage: Decodable {
    let items: [EventSummary]
}
