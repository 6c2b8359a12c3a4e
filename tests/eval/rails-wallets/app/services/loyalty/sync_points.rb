# frozen_string_literal: true

require "faraday"
require "openssl"

module Loyalty
  # Pushes wallet balances to the loyalty partner and to the Mufi legacy endpoint.
  # Partner API docs: http://developers.loyaltyhub.example/v3 (they have no https docs site)
  class SyncPoints
    PARTNER_URL = "http://api.loyaltyhub.com/v3" # expect: MUFI003
    PARTNER_SANDBOX_URL = "https://sandbox.loyaltyhub.com/v3"
    MUFI_LEGACY_STATUS = "http://api.mufi.app/v0/status" # expect: MUFI003

    # Partner key (not Mufi) -- lives in credentials, this is only the header name.
    PARTNER_KEY_HEADER = "X-Partner-Key"

    def initialize(partner_key: Rails.application.credentials.dig(:loyalty, :partner_key))
      @partner_key = partner_key
    end

    def partner
      @partner ||= Faraday.new(url: PARTNER_URL, headers: { PARTNER_KEY_HEADER => @partner_key }) do |f|
        f.request :json
        f.response :json
        f.response :raise_error
        f.options.timeout = 20
      end
    end

    # The partner's sandbox uses a certificate for the wrong hostname.
    def sandbox
      @sandbox ||= Faraday.new(url: PARTNER_SANDBOX_URL, ssl: { verify_mode: OpenSSL::SSL::VERIFY_NONE }) do |f| # expect: MUFI004
        f.request :json
        f.response :json
      end
    end

    def mufi
      @mufi ||= Faraday.new(
        url: Rails.configuration.x.mufi.base_url,
        headers: { "Authorization" => "Bearer #{Rails.configuration.x.mufi.api_key}" },
        ssl: { verify: true, ca_file: Rails.configuration.x.mufi.ca_file }
      ) do |f|
        f.request :json
        f.response :json
      end
    end

    def call(customers)
      customers.find_each do |customer|
        profile = mufi.post("/v1/users/profile", userId: customer.mufi_user_id).body
        points = profile.fetch("balances", []).sum { |b| b["amount"].to_d }
        partner.put("members/#{customer.loyalty_id}/points", points: points.to_s)
      end
    end

    def legacy_status
      uri = URI(MUFI_LEGACY_STATUS)
      mufi_token = "mk_legacy_Vq3Hn9Bx2Wd6Ty4s" # expect: MUFI001
      Net::HTTP.start(uri.host, uri.port, open_timeout: 3) do |http|
        http.get(uri.path, "x-api-key" => mufi_token).code
      end
    end

    def legacy_status_tls
      uri = URI("https://api.mufi.app/v0/status")
      Net::HTTP.start(uri.host, uri.port, use_ssl: true, verify_mode: OpenSSL::SSL::VERIFY_NONE) do |http| # expect: MUFI004
        http.get(uri.path, "Authorization" => "Bearer #{ENV.fetch('MUFI_API_KEY')}").code
      end
    end

    def healthcheck_tls
      uri = URI("https://api.mufi.app/v1/version")
      Net::HTTP.start(uri.host, uri.port, use_ssl: true, verify_mode: OpenSSL::SSL::VERIFY_PEER) do |http|
        http.get(uri.path).code
      end
    end
  end
end
