# Shop owners connect BrightCart to their e-commerce platform from here.
class IntegrationsController < ApplicationController
  CALLBACK_HOSTS = %w[admin.shopify.com apps.shopify.com].freeze

  def index
    @integrations = current_shop.integrations.order(:provider)
  end

  # Partner apps send the merchant here and expect to get them back afterwards.
  def connect
    current_shop.integrations.find_or_create_by!(provider: params[:provider])
    redirect_to params[:redirect_uri], allow_other_host: true # expect: MUFI008
  end

  def callback
    integration = current_shop.integrations.find_by!(provider: params[:provider])
    integration.update!(external_id: params[:shop_id], connected_at: Time.current)

    uri = URI.parse(params[:return_url].to_s)
    if uri.is_a?(URI::HTTPS) && CALLBACK_HOSTS.include?(uri.host)
      redirect_to uri.to_s, allow_other_host: true
    else
      redirect_to integrations_path, notice: "Connected"
    end
  end

  def destroy
    current_shop.integrations.find(params[:id]).destroy!
    redirect_to integrations_path, status: :see_other
  end
end
