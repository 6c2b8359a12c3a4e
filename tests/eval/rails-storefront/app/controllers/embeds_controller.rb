# Product cards that merchants embed on their own sites with an <iframe>.
class EmbedsController < ApplicationController
  skip_before_action :require_login
  after_action :allow_framing

  def product
    @product = Product.published.find_by!(slug: params[:slug])
    render layout: "embed"
  end

  # The video card plays clips from whichever host the merchant uploaded them to.
  def video
    @product = Product.published.find_by!(slug: params[:slug])
    response.headers["Content-Security-Policy"] = "default-src 'self'; script-src 'self'; frame-src *; img-src 'self' https://cdn.brightcart.co" # expect: MUFI007
    render layout: "embed"
  end

  private

  # Any merchant site may frame the cards; that is what they are for.
  def allow_framing
    response.headers.delete("X-Frame-Options")
    response.headers["Content-Security-Policy"] ||= "default-src 'self'; script-src 'self'; img-src 'self' https://cdn.brightcart.co; frame-ancestors *"
  end
end
