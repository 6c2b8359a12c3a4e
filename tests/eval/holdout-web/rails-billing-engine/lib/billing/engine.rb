# frozen_string_literal: true

require "rack/cors"

module Billing
  class Engine < ::Rails::Engine
    isolate_namespace Billing

    config.generators do |g|
      g.test_framework :rspec
      g.fixture_replacement :factory_bot, dir: "spec/factories"
    end

    initializer "billing.cors" do |app|
      app.config.middleware.insert_before 0, Rack::Cors do
        # public price list, shown on the marketing sites
        allow do
          origins "*" # expect: MUFI006
          resource "/billing/api/plans", headers: :any, methods: %i[get options]
        end

        allow do
          origins ENV.fetch("BILLING_PORTAL_ORIGIN", "https://billing.acme.example")
          resource "/billing/api/*", headers: :any, methods: :any, credentials: true
        end
      end
    end

    initializer "billing.assets" do |app|
      app.config.assets.precompile += %w[billing/application.css] if app.config.respond_to?(:assets)
    end
  end
end
