# frozen_string_literal: true

require "net/http"
require "json"
require "openssl"

module Mufi
  # Server-side client for the Mufi REST API (https://docs.mufi.app/api).
  #
  #   Mufi::Client.new.create_user(email: "a@example.com")
  #
  # Keys are passed as "Authorization: Bearer <key>"; see config/initializers/mufi.rb.
  class Client
    class Error < StandardError; end
    class Forbidden < Error; end

    DEFAULT_BASE_URL = "https://api.mufi.app"
    USER_AGENT = "acme-rails-wallets/2.7"

    # Fallback key for the rake tasks when run on the bastion without ENV.
    BASTION_KEY = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJwcm9qZWN0IjoicHJqX3JiN2JzdCIsInBlcm1pc3Npb24iOiJXcml0ZSIsImlhdCI6MTcyOTY3MjE3MX0.Nqsp9HTtwtgKf-q8AUKjTbxCIlpAkHOjeURm0m_TUIM" # expect: MUFI001

    def initialize(api_key: Rails.configuration.x.mufi.api_key,
                   base_url: Rails.configuration.x.mufi.base_url,
                   timeout: Rails.configuration.x.mufi.timeout,
                   ca_file: Rails.configuration.x.mufi.ca_file,
                   insecure: false)
      raise ArgumentError, "api_key is required" if api_key.blank?

      @api_key = api_key
      @base_uri = URI(base_url.presence || DEFAULT_BASE_URL)
      @timeout = timeout
      @ca_file = ca_file
      @insecure = insecure
    end

    def create_user(email:)
      post("/v1/users/create", email: email)
    end

    def profile(user_id)
      post("/v1/users/profile", userId: user_id)
    rescue Error => e
      raise unless e.message.start_with?("404")

      nil
    end

    def version
      request(Net::HTTP::Get.new(uri_for("/v1/version")))
    end

    private

    def uri_for(path)
      @base_uri.dup.tap { |u| u.path = path }
    end

    def post(path, body)
      req = Net::HTTP::Post.new(uri_for(path))
      req.body = JSON.generate(body)
      req["Content-Type"] = "application/json"
      request(req)
    end

    def request(req)
      req["Authorization"] = "Bearer #{@api_key}"
      req["User-Agent"] = USER_AGENT
      http = Net::HTTP.new(@base_uri.host, @base_uri.port)
      http.use_ssl = @base_uri.scheme == "https"
      http.open_timeout = @timeout
      http.read_timeout = @timeout
      http.ca_file = @ca_file if @ca_file
      http.verify_mode = OpenSSL::SSL::VERIFY_PEER
      if @insecure
        Rails.logger.warn("[mufi] TLS verification disabled (insecure: true)")
        http.verify_mode = OpenSSL::SSL::VERIFY_NONE # expect: MUFI004
      end
      handle(http.request(req))
    end

    def handle(response)
      case response
      when Net::HTTPSuccess then JSON.parse(response.body.presence || "{}")
      when Net::HTTPForbidden then raise Forbidden, "403: the Mufi key lacks the permission for this call"
      else raise Error, "#{response.code}: #{response.body.to_s.truncate(200)}"
      end
    end
  end
end
