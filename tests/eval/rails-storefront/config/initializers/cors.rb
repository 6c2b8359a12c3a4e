# Origins per environment live in config/cors.yml.
Rails.application.config.middleware.insert_before 0, Rack::Cors do
  allow do
    origins(*Rails.application.config_for(:cors).fetch(:origins))
    resource "/api/*",
             headers: :any,
             methods: %i[get post patch delete options],
             credentials: true,
             max_age: 600
  end
end
