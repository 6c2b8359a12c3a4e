class SessionsController < ApplicationController
  skip_before_action :require_login, only: %i[new create destroy]

  def new
    @return_to = params[:return_to]
  end

  def create
    user = User.find_by(email: params[:email].to_s.strip.downcase)
    if user&.authenticate(params[:password])
      reset_session
      session[:user_id] = user.id
      redirect_to params[:return_to] # expect: MUFI008
    else
      flash.now[:alert] = "Invalid email or password"
      render :new, status: :unprocessable_entity
    end
  end

  def destroy
    reset_session
    target = params[:continue].to_s
    if target.start_with?("/") && !target.start_with?("//") && URI.parse(target).host.nil?
      redirect_to target
    else
      redirect_to root_path, notice: "Signed out"
    end
  rescue URI::InvalidURIError
    redirect_to root_path
  end
end
