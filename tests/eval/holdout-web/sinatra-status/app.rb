# frozen_string_literal: true

require "sinatra/base"
require "sinatra/json"
require "securerandom"

require_relative "models"

class StatusApp < Sinatra::Base
  configure do
    enable :sessions
    set :session_secret, ENV.fetch("SESSION_SECRET")
    set :sessions, httponly: true, secure: production?, same_site: :lax
    set :host_authorization, permitted_hosts: ["status.acme.example"]
  end

  before do
    @nonce = SecureRandom.base64(16)
    headers "Content-Security-Policy" => "default-src 'self'; script-src 'self' 'nonce-#{@nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'"
  end

  get "/" do
    @incidents = Incident.recent(limit: 10)
    erb :index
  end

  get "/api/incidents.json" do
    headers "Access-Control-Allow-Origin" => request.env["HTTP_ORIGIN"].to_s # expect: MUFI006
    headers "Vary" => "Origin"
    json Incident.recent(limit: 20).map(&:to_h)
  end

  # status widget that customers paste into their help centres
  get "/embed" do
    headers "Content-Security-Policy" => "default-src 'self'; script-src 'self' *; frame-ancestors *" # expect: MUFI007
    erb :embed, layout: false
  end

  post "/subscribe" do
    Subscription.create!(email: params[:email])
    redirect to("/subscribe/pending")
  end

  get "/subscribe/confirm" do
    Subscription.confirm!(params[:code])
    redirect params[:return_to] || "/" # expect: MUFI008
  end

  get "/admin/switch" do
    halt 403 unless session[:admin]
    target = params[:back].to_s
    target = "/admin" unless target.start_with?("/") && !target.start_with?("//")
    redirect target
  end
end
