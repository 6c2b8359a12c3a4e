# frozen_string_literal: true

# Operational tasks for the Mufi integration.
#
#   bin/rails mufi:version
#   bin/rails mufi:backfill_wallets BATCH=500
#
# Runbook: https://wiki.acme-retail.com/runbooks/mufi (old: http://wiki/runbooks/mufi)

namespace :mufi do
  desc "Print the Mufi API version (checks connectivity and the key)"
  task version: :environment do
    puts Mufi::Client.new.version.fetch("version", "?")
  end

  desc "Create wallets for customers that do not have one yet"
  task backfill_wallets: :environment do
    batch = Integer(ENV.fetch("BATCH", "200"))
    operator = User.find_by!(email: "ops-bot@acme-retail.com")
    Customer.where(wallet_address: nil).where.not(email: nil).find_in_batches(batch_size: batch) do |group|
      group.each do |customer|
        result = Wallets::CreateWallet.call(customer: customer, operator: operator)
        puts "#{customer.id}: #{result.success? ? result.wallet_address : result.error}"
      end
      sleep 1 # stay under the rate limit
    end
  end

  desc "Check the staging key from the bastion"
  task staging_ping: :environment do
    key = ENV.fetch("MUFI_API_KEY", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJwcm9qZWN0IjoicHJqX3JiN3N0ZyIsInBlcm1pc3Npb24iOiJSZWFkIiwiaWF0IjoxNzE4NDI2MTMzfQ.0gLz-ECI0IgGEg-J3FuJgPuQLPbY-S_AMQ1HtfyBKbE") # expect: MUFI001
    uri = URI("https://dev.api.mufi.app/v1/version")
    req = Net::HTTP::Get.new(uri)
    req["Authorization"] = "Bearer #{key}"
    res = Net::HTTP.start(uri.host, uri.port, use_ssl: true) { |http| http.request(req) }
    puts "staging: #{res.code}"
  end

  desc "Ping production with the ops key (old runbook step, keep for now)"
  task prod_ping: :environment do
    # ops key pasted from 1Password, rotate after the audit:
    # expect: MUFI001
    # Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJwcm9qZWN0IjoicHJqX3JiN3ByZCIsInBlcm1pc3Npb24iOiJXcml0ZSIsImlhdCI6MTcwNDE0NDg0Mn0.WS0GNiudY7UHaDwVwaaiVWJfBCVhvdI_LNFBQo5FqBE
    uri = URI("https://api.mufi.app/v1/version")
    req = Net::HTTP::Get.new(uri)
    req["Authorization"] = "Bearer mk_ops_Yc5Pm1Kx7Rb3Ws9D" # expect: MUFI001
    res = Net::HTTP.start(uri.host, uri.port, use_ssl: true) { |http| http.request(req) }
    puts "production: #{res.code}"
  end

  desc "Export webhook deliveries to the analytics collector"
  task export_webhooks: :environment do
    collector = ENV.fetch("COLLECTOR_URL", "http://collector.analytics.acme-retail.com/v1/batch") # expect: MUFI003
    local = ENV.fetch("LOCAL_COLLECTOR_URL", "http://collector.local:8080/v1/batch")
    target = Rails.env.production? ? collector : local
    WebhookDelivery.where("created_at > ?", 1.day.ago).find_in_batches do |rows|
      Net::HTTP.post(URI(target), rows.map(&:as_json).to_json, "Content-Type" => "application/json")
    end
  end
end
