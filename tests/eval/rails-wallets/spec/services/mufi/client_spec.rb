# frozen_string_literal: true

require "rails_helper"

RSpec.describe Mufi::Client do
  subject(:client) { described_class.new(api_key: "fake-mufi-key", base_url: "https://api.mufi.app") }

  # A storefront session token (not a Mufi key) that must never reach Mufi.
  let(:session_jwt) { "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6IjgwYTA4OTMxIn0.eyJzdWIiOiJjdXNfYzI0MDg4MTUwOWUxIiwiaWF0IjoxNzE4MDAwMDAwLCJleHAiOjE3MTgwMDM2MDB9.K72g0NlWpPBoaQg1yRBeDbQKaELwKje43FxpE_BohlTuEbxMaxrAYV7SyLDrjH1K4PR9HLKGWGaEXzEGvf9nfQ" } # expect: MUFI001

  describe "#create_user" do
    it "sends the key as a bearer token" do
      stub = stub_request(:post, "https://api.mufi.app/v1/users/create")
             .with(headers: { "Authorization" => "Bearer fake-mufi-key" }, body: { email: "a@example.com" }.to_json)
             .to_return(status: 201, body: { id: "usr_1", wallet: { address: "5F..." } }.to_json)

      expect(client.create_user(email: "a@example.com")).to include("id" => "usr_1")
      expect(stub).to have_been_requested
    end

    it "never forwards the customer session" do
      stub_request(:post, "https://api.mufi.app/v1/users/create").to_return(status: 201, body: "{}")
      client.create_user(email: "b@example.com")
      expect(a_request(:post, /mufi/).with(headers: { "Authorization" => "Bearer #{session_jwt}" })).not_to have_been_made
    end

    it "raises Forbidden on 403 (Read key on a write endpoint)" do
      stub_request(:post, "https://api.mufi.app/v1/users/create").to_return(status: 403)
      expect { client.create_user(email: "c@example.com") }.to raise_error(Mufi::Client::Forbidden)
    end
  end

  describe "base URL handling" do
    it "uses the mock in test" do
      mock = described_class.new(api_key: "test", base_url: "http://localhost:4010")
      stub_request(:get, "http://localhost:4010/v1/version").to_return(body: '{"version":"1.4.0"}')
      expect(mock.version).to eq("version" => "1.4.0")
    end

    it "accepts the legacy http base url for the v0 probe" do
      legacy = described_class.new(api_key: "example-key", base_url: "http://api.mufi.app") # expect: MUFI003
      stub_request(:get, "http://api.mufi.app/v1/version").to_return(body: "{}") # expect: MUFI003
      expect(legacy.version).to eq({})
    end
  end

  describe "TLS" do
    it "verifies peers by default" do
      http = instance_double(Net::HTTP).as_null_object
      allow(Net::HTTP).to receive(:new).and_return(http)
      allow(http).to receive(:request).and_return(Net::HTTPOK.new("1.1", "200", "OK").tap { |r| allow(r).to receive(:body).and_return("{}") })
      client.version
      expect(http).to have_received(:verify_mode=).with(OpenSSL::SSL::VERIFY_PEER)
    end
  end
end
