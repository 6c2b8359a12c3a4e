# frozen_string_literal: true

module Wallets
  # Creates a Mufi user (and its custodial wallet) for a store customer.
  #
  #   result = Wallets::CreateWallet.call(customer: customer, operator: current_user)
  #   result.success? # => true
  class CreateWallet
    Result = Struct.new(:success?, :wallet_address, :error, keyword_init: true)

    def self.call(**kwargs)
      new(**kwargs).call
    end

    def initialize(customer:, operator:, client: Mufi::Client.new)
      @customer = customer
      @operator = operator
      @client = client
    end

    def call
      return failure("customer has no email") if @customer.email.blank?
      return Result.new(success?: true, wallet_address: @customer.wallet_address) if @customer.wallet_address.present?

      user = @client.create_user(email: @customer.email.downcase.strip)
      @customer.update!(mufi_user_id: user.fetch("id"), wallet_address: user.dig("wallet", "address"))
      AuditLog.record!(actor: @operator, action: "wallet.created", subject: @customer)
      Result.new(success?: true, wallet_address: @customer.wallet_address)
    rescue Mufi::Client::Forbidden => e
      Rails.logger.error("[wallets] #{e.message}; is MUFI_API_KEY a Read key?")
      failure("the wallet service refused the request")
    rescue Mufi::Client::Error, Timeout::Error, SocketError => e
      Rails.logger.warn("[wallets] upstream failure: #{e.class}: #{e.message}")
      failure("the wallet service is unavailable")
    end

    private

    def failure(message)
      Result.new(success?: false, error: message)
    end
  end

  # Read-only lookups for the support dashboard. Uses the Read key (least privilege).
  class LookupWallet
    def self.call(customer)
      client = Mufi::Client.new(api_key: Rails.configuration.x.mufi.read_api_key || ENV.fetch("MUFI_API_KEY"))
      client.profile(customer.mufi_user_id)
    end
  end

  # Quick demo used at the franchise fair; runs against staging.
  class DemoWallet
    STAGING_URL = "https://dev.api.mufi.app"

    def self.call(email)
      client = Mufi::Client.new(api_key: "mk_fair_T8gW3nJ6Qz1Rk5Ld", base_url: STAGING_URL) # expect: MUFI001
      client.create_user(email: email)
    end
  end
end
