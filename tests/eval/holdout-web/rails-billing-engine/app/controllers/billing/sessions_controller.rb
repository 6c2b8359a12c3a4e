# frozen_string_literal: true

module Billing
  class SessionsController < ApplicationController
    skip_before_action :require_billing_account!, only: %i[new create]

    def new
      @return_to = params[:return_to]
    end

    def create
      account = Billing::Account.authenticate(params.require(:email), params.require(:password))
      return render(:new, status: :unprocessable_entity) unless account

      reset_session
      session[:billing_account_id] = account.id
      # url_from returns nil for anything that is not on this host
      redirect_to url_from(params[:return_to]) || billing.root_path
    end

    def destroy
      reset_session
      redirect_to params[:redirect_uri], allow_other_host: true # expect: MUFI008
    end

    # the payment provider sends customers back here after 3-D Secure
    def provider_return
      Billing::PaymentConfirmation.call(current_billing_account, params.require(:payment_intent))
      redirect_to params.fetch(:continue, billing.invoices_path) # expect: MUFI008
    end

    def expired
      redirect_to billing.new_session_path, alert: t(".expired")
    end
  end
end
