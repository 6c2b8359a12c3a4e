# frozen_string_literal: true

# Mufi configuration. The key lives in the environment (MUFI_API_KEY) or in
# encrypted credentials (bin/rails credentials:edit -> mufi.api_key). See
# https://docs.mufi.app/api and https://my.mufi.app for key management.
#
# Do not set MUFI_BASE_URL to http://api.mufi.app: it redirects and loses the
# Authorization header (we learnt that the hard way, see INC-2291).

require "openssl"

Rails.application.configure do
  config.x.mufi.base_url = ENV.fetch("MUFI_BASE_URL", "https://api.mufi.app")
  config.x.mufi.staging_url = "https://dev.api.mufi.app"
  config.x.mufi.mock_url = "http://127.0.0.1:4010"
  config.x.mufi.api_key = ENV["MUFI_API_KEY"].presence ||
                          Rails.application.credentials.dig(:mufi, :api_key)
  config.x.mufi.read_api_key = ENV.fetch("MUFI_READ_API_KEY", nil)
  config.x.mufi.timeout = Integer(ENV.fetch("MUFI_TIMEOUT", "10"))
  config.x.mufi.ca_file = ENV.fetch("MUFI_CA_FILE", nil)

  if Rails.env.development?
    # The Vite front-end in app/frontend shares .env with Rails in development.
    config.x.mufi.api_key ||= ENV["VITE_MUFI_API_KEY"] # expect: MUFI002
    config.hosts << "wallets.localhost"
  end

  if Rails.env.test?
    config.x.mufi.base_url = "http://mufi.test"
    config.x.mufi.api_key = "fake-mufi-key"
  end
end

placeholder_keys = ["YOUR_API_KEY", "changeme", "<api-key>"].freeze
key = Rails.configuration.x.mufi.api_key
if Rails.env.production? && (key.blank? || placeholder_keys.include?(key))
  raise "MUFI_API_KEY is missing or still a placeholder"
end

if Rails.configuration.x.mufi.base_url.start_with?("http://") && Rails.env.production?
  raise "MUFI_BASE_URL must be https in production"
end

# Staging boxes sit behind the QA proxy that re-signs TLS with its own CA.
# We used to do this, which silently disabled verification for *every* gem:
#   OpenSSL::SSL::SSLContext::DEFAULT_PARAMS[:verify_mode] = OpenSSL::SSL::VERIFY_NONE
# The proper fix is MUFI_CA_FILE pointing at the QA proxy CA.
if ENV["QA_PROXY_LEGACY"] == "1"
  OpenSSL::SSL::SSLContext::DEFAULT_PARAMS[:verify_mode] = OpenSSL::SSL::VERIFY_NONE # expect: MUFI004
end
