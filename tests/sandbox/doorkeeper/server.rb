#!/usr/bin/env ruby
# frozen_string_literal: true

# Factorial OAuth sandbox: a real Doorkeeper 5.5 server (Debian's ruby-doorkeeper on Rails 6.1),
# configured to behave like Factorial HR's OAuth provider, for the Factorial Connect tests.
#
#   ruby tests/sandbox/doorkeeper/server.rb --port PORT --db PATH \
#        [--rotation on-use|immediate] [--parent-pid PID] [--extra-scopes "a b"]
#
# Prints exactly one line "READY http://127.0.0.1:PORT" on stdout once it accepts connections;
# everything else goes to stderr. See ../README.md for the seeding API and the choices made here.
#
# Single file on purpose: Bundler cannot resolve gems offline, so the Debian system gems are
# required directly, without a Gemfile or a generated Rails skeleton.

BOOT_STARTED = Process.clock_gettime(Process::CLOCK_MONOTONIC)

require "optparse"
require "fileutils"
require "securerandom"
require "digest"
require "json"

# ---------------------------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------------------------
OPTIONS = { rotation: "on-use", parent_pid: nil, port: nil, db: nil, extra_scopes: [], keep_db: false }
begin
  OptionParser.new do |o|
    o.banner = "usage: server.rb --port PORT --db PATH [--rotation on-use|immediate] [--parent-pid PID] [--keep-db]"
    o.on("--port PORT", Integer) { |v| OPTIONS[:port] = v }
    o.on("--db PATH") { |v| OPTIONS[:db] = File.expand_path(v) }
    o.on("--rotation MODE", %w[on-use immediate]) { |v| OPTIONS[:rotation] = v }
    o.on("--parent-pid PID", Integer) { |v| OPTIONS[:parent_pid] = v }
    # Started again after being stopped (Factorial out of reach for a while): same companies,
    # applications and tokens. Settings start from their defaults again.
    o.on("--keep-db") { OPTIONS[:keep_db] = true }
    # Factorial adds scopes with new API versions; tests can add names without editing this file.
    o.on("--extra-scopes LIST") { |v| OPTIONS[:extra_scopes] = v.split(/[\s,]+/).reject(&:empty?) }
  end.parse!
rescue OptionParser::ParseError => e
  abort "server.rb: #{e.message}"
end
abort "server.rb: --port and --db are required (and --port must not be 0)" if OPTIONS[:port].to_i <= 0 || OPTIONS[:db].nil?

# Bind first: a busy port fails in milliseconds, before the database is touched or Rails boots.
# Connections arriving during boot wait in the backlog; Puma takes this socket over below.
require "socket"
begin
  LISTENER = TCPServer.new("127.0.0.1", OPTIONS[:port]) # loopback only
rescue SystemCallError => e
  abort "sandbox: cannot listen on 127.0.0.1:#{OPTIONS[:port]}: #{e.message}"
end

# stdout carries only the READY line, so that a harness can read it without parsing noise:
# anything printed during boot (schema messages, warnings) is sent to stderr instead.
READY_OUT = $stdout.dup
$stdout = $stderr

# Die with the harness: poll the parent PID and leave at once (no cleanup) when it is gone.
if (parent = OPTIONS[:parent_pid])
  Thread.new do
    loop do
      sleep 0.5
      begin
        Process.kill(0, parent)
      rescue Errno::ESRCH
        warn "sandbox: parent #{parent} is gone, exiting"
        exit!(0)
      rescue Errno::EPERM
        nil # exists, owned by someone else
      end
    end
  end
end

# A fresh database every run (unless --keep-db): tests seed what they need through /sandbox/*.
FileUtils.mkdir_p(File.dirname(OPTIONS[:db]))
unless OPTIONS[:keep_db]
  ["", "-wal", "-shm", "-journal"].each { |suffix| FileUtils.rm_f(OPTIONS[:db] + suffix) }
end

ENV["RAILS_ENV"] = "sandbox" # not development/test/production: no env-specific surprises
ENV["DATABASE_URL"] = "sqlite3:#{OPTIONS[:db]}?pool=5&timeout=5000"
ENV["SECRET_KEY_BASE"] ||= SecureRandom.hex(64) # sessions only need to survive one run

# Rails 6.1 uses Logger without requiring it; newer concurrent-ruby gems no longer load it for
# it (rails/rails#54260), as gems installed outside Debian may be.
require "logger"
require "rails"
require "active_record/railtie"
require "action_controller/railtie"
require "action_view/railtie"
require "doorkeeper"
require "puma"
require "puma/server"

# ---------------------------------------------------------------------------------------------
# Run-time settings (changed by tests through POST /sandbox/settings)
# ---------------------------------------------------------------------------------------------
module Sandbox
  # Factorial's resource scopes (API docs, 2025-04-01) plus the older `read`/`write`.
  SCOPES = %w[
    banking company_holidays company_legal_entities company_locations contracts custom_fields
    documents employee_updates employees expenses finance integrations job_catalog marketplace
    payroll payroll_supplements performance posts project_management_expenses
    project_management_projects project_management_time recruitment shift_management tasks
    time_off time_tracking trainings read write
  ].freeze

  @settings = {
    # Lifetime of user access tokens issued from now on (code exchange and refresh alike).
    "access_token_ttl" => 3600,
    # What an authorize request without `scope` gets: "application" = the application's scopes,
    # "none" = stock Doorkeeper with no default scopes, i.e. its error page "Missing required
    # parameter: scope." (Doorkeeper 5.5 never redirects pre-authorization errors).
    "scope_fallback" => "application",
    # Doorkeeper's reuse_access_token: a new code for the same owner/app/scopes may return the very
    # same, still valid access token ("asking twice ... may return the very same token").
    "reuse_access_token" => false,
    # Seconds a refresh token is honoured after it was issued; nil = forever (stock Doorkeeper).
    # Factorial's die after about a week: a short one here shows the keep-alive beating it.
    "refresh_token_ttl" => nil,
    # Milliseconds the token endpoint waits before it answers: a slow Factorial, so that processes
    # racing for one refresh all arrive while the first is still waiting for its answer.
    "token_delay_ms" => 0,
    # Characters in each access token issued from now on; nil = Doorkeeper's own (43). Real
    # providers issue JWTs of a few thousand characters, beyond one Windows credential's 2,560 bytes.
    "access_token_length" => nil,
    # A scope the credentials endpoint demands ("" = none, as before): a token without it is
    # refused with 403, as Factorial refuses a token whose scopes do not cover an endpoint.
    "credentials_scope" => "",
    # How that 403 reads: "doorkeeper" = Doorkeeper's stock empty answer (text/html, nothing
    # named), "json" = Doorkeeper's error JSON (its description), "rfc6750" = that JSON and an
    # RFC 6750 §3 challenge naming the scope.
    "credentials_refusal" => "json",
  }

  class << self
    def settings
      @settings.dup
    end

    def update_settings(changes)
      if changes.key?("access_token_ttl")
        ttl = Integer(changes["access_token_ttl"])
        raise ArgumentError, "access_token_ttl must be > 0" unless ttl.positive?

        @settings["access_token_ttl"] = ttl
      end
      if changes.key?("scope_fallback")
        raise ArgumentError, "scope_fallback must be application|none" unless %w[application none].include?(changes["scope_fallback"])

        @settings["scope_fallback"] = changes["scope_fallback"]
      end
      if changes.key?("refresh_token_ttl")
        ttl = changes["refresh_token_ttl"]
        ttl = Integer(ttl) unless ttl.nil?
        raise ArgumentError, "refresh_token_ttl must be > 0 or null" if ttl && !ttl.positive?

        @settings["refresh_token_ttl"] = ttl
      end
      if changes.key?("token_delay_ms")
        delay = Integer(changes["token_delay_ms"])
        raise ArgumentError, "token_delay_ms must be 0 to 30000" unless (0..30_000).cover?(delay)

        @settings["token_delay_ms"] = delay
      end
      if changes.key?("access_token_length")
        length = changes["access_token_length"]
        length = Integer(length) unless length.nil?
        raise ArgumentError, "access_token_length must be 32 to 16384 or null" if length && !(32..16_384).cover?(length)

        @settings["access_token_length"] = length
      end
      if changes.key?("credentials_scope")
        scope = changes["credentials_scope"].to_s
        raise ArgumentError, "credentials_scope must be a known scope or empty" unless scope.empty? || Doorkeeper.config.scopes.exists?(scope)

        @settings["credentials_scope"] = scope
      end
      if changes.key?("credentials_refusal")
        raise ArgumentError, "credentials_refusal must be doorkeeper|json|rfc6750" unless %w[doorkeeper json rfc6750].include?(changes["credentials_refusal"])

        @settings["credentials_refusal"] = changes["credentials_refusal"]
      end
      if changes.key?("reuse_access_token")
        @settings["reuse_access_token"] = truthy?(changes["reuse_access_token"])
        # Doorkeeper reads this ivar on every token creation, so flipping it takes effect at once.
        Doorkeeper.config.instance_variable_set(:@reuse_access_token, @settings["reuse_access_token"])
      end
      settings
    end

    def password_digest(password)
      # No bcrypt gem on Debian's default install; a test server only needs "not stored in clear".
      Digest::SHA256.hexdigest("sandbox:#{password}")
    end

    # JSON seeds may say true, "true" or 1.
    def truthy?(value)
      ActiveModel::Type::Boolean.new.cast(value) == true
    end
  end
end

# With SANDBOX_SECRETS_OUT set (make reliability's secrets scan), every secret the sandbox hands out
# or is sent is appended to that file, one "field<TAB>value" per line, so that the scan knows what to
# look for: client secrets, access and refresh tokens, PKCE verifiers.
module SandboxSecrets
  OUT = ENV["SANDBOX_SECRETS_OUT"]
  FIELDS = %w[client_secret access_token refresh_token previous_refresh_token code_verifier token].freeze
  LOCK = Mutex.new

  def self.enabled?
    !OUT.nil? && !OUT.empty?
  end

  # From a request's form or a JSON answer: the values of secret fields, at any depth.
  def self.collect(value, found = [])
    case value
    when Hash
      value.each do |key, v|
        if FIELDS.include?(key.to_s) && v.is_a?(String) && v.length >= 8
          found << [key.to_s, v]
        else
          collect(v, found)
        end
      end
    when Array then value.each { |v| collect(v, found) }
    end
    found
  end

  def self.record(values)
    return if values.empty?
    LOCK.synchronize { File.open(OUT, "a", 0o600) { |f| values.each { |field, v| f.puts("#{field}\t#{v}") } } }
  end

  # The request's form fields (Rack caches the parse, so Rails reads the same), then the answer's
  # JSON, whose body is read and handed on unchanged.
  def self.around(env)
    form = Rack::Request.new(env).POST rescue {}
    record(collect(form))
    status, headers, body = yield
    type = headers.find { |k, _| k.to_s.casecmp?("content-type") }&.last.to_s
    if type.include?("json")
      text = +""
      body.each { |part| text << part }
      body.close if body.respond_to?(:close)
      record(collect(JSON.parse(text))) rescue nil
      body = [text]
    end
    [status, headers, body]
  end
end

# One short line per request on stderr, without query strings (they carry codes and states).
class SandboxRequestLog
  def initialize(app)
    @app = app
  end

  def call(env)
    line = "#{env["REQUEST_METHOD"]} #{env["PATH_INFO"]}" # before Rails' error pages rewrite PATH_INFO
    started = Process.clock_gettime(Process::CLOCK_MONOTONIC)
    delay = Sandbox.settings["token_delay_ms"]
    sleep(delay / 1000.0) if delay.positive? && line == "POST /oauth/token"
    status, headers, body = SandboxSecrets.enabled? ? SandboxSecrets.around(env) { @app.call(env) } : @app.call(env)
    ms = ((Process.clock_gettime(Process::CLOCK_MONOTONIC) - started) * 1000).round(1)
    warn "sandbox: #{line} -> #{status} (#{ms} ms)"
    [status, headers, body]
  end
end

# Rails logs an exception (e.g. a CSRF failure) with a 60-line framework backtrace. Keep the first
# lines only, unless SANDBOX_DEBUG=1 asks for everything.
SANDBOX_DEBUG = ENV["SANDBOX_DEBUG"] == "1"
SANDBOX_LOG_FORMAT = proc do |severity, _time, _progname, message|
  lines = message.to_s.lines.map(&:strip).reject(&:empty?)
  lines = lines.first(2) + ["(#{lines.size - 2} more lines; SANDBOX_DEBUG=1 shows them)"] if lines.size > 3 && !SANDBOX_DEBUG
  "sandbox[#{severity.downcase}]: #{lines.join("\n  ")}\n"
end

# ---------------------------------------------------------------------------------------------
# The Rails application
# ---------------------------------------------------------------------------------------------
class SandboxApp < Rails::Application
  config.load_defaults 6.1
  config.root = __dir__
  config.eager_load = false
  config.cache_classes = true
  # Serialize requests (Rack::Lock): SQLite plus concurrent writers gives SQLITE_BUSY surprises,
  # and a test server gains nothing from parallelism. Puma still accepts connections meanwhile.
  config.allow_concurrency = false
  config.hosts.clear
  config.secret_key_base = ENV["SECRET_KEY_BASE"]
  config.session_store :cookie_store, key: "_factorial_sandbox_session"
  config.cache_store = :null_store
  config.public_file_server.enabled = false
  config.active_record.dump_schema_after_migration = false
  config.logger = ActiveSupport::Logger.new($stderr).tap { |l| l.formatter = SANDBOX_LOG_FORMAT }
  # Rails' info-level request logs would print full URLs with codes and states.
  config.log_level = SANDBOX_DEBUG ? :debug : :warn
  config.filter_parameters += %i[password client_secret code code_verifier token refresh_token access_token]
  config.middleware.insert_before 0, SandboxRequestLog
end

# Access tokens of Doorkeeper's own kind, or as long as /sandbox/settings' access_token_length asks.
module SandboxTokenGenerator
  def self.generate(options = {})
    length = Sandbox.settings["access_token_length"]
    return Doorkeeper::OAuth::Helpers::UniqueToken.generate(options) if length.nil?

    SecureRandom.alphanumeric(length)
  end
end

Doorkeeper.configure do
  orm :active_record
  access_token_generator "SandboxTokenGenerator"

  # Who is logged in: the session from /login. Without one, remember the authorize URL and send
  # the browser to the login form (like Factorial's own login).
  resource_owner_authenticator do
    user = User.find_by(id: session[:user_id])
    if user.nil?
      session[:return_to] = request.fullpath if request.get?
      redirect_to "/login"
      nil
    else
      @sandbox_user = user
      # Company tokens: the grant (and later the token) belongs to the user's Company instead of
      # the user. Non-admins keep the user here and are refused by sandbox_company_guard.
      sandbox_company_requested? && user.admin? ? user.company : user
    end
  end

  # Polymorphic owners let one application hold User tokens and Company tokens.
  use_polymorphic_resource_owner

  grant_flows %w[authorization_code]

  # Refresh tokens for user tokens only; company tokens never expire and get none.
  use_refresh_token { |context| !context.resource_owner.is_a?(Company) }

  # Float::INFINITY is Doorkeeper's way to say "no expiry" (expires_in column NULL, and
  # `expires_in` absent from the token response). User token lifetimes are set in the
  # AccessToken callback below, so that refreshes follow /sandbox/settings too.
  custom_access_token_expires_in do |context|
    context.resource_owner.is_a?(Company) ? Float::INFINITY : Sandbox.settings["access_token_ttl"]
  end

  # All scopes are optional: Doorkeeper then has no default scopes, and a request without `scope`
  # would fail with "missing scope"; sandbox_fill_default_scope supplies the application's scopes.
  optional_scopes(*(Sandbox::SCOPES + OPTIONS[:extra_scopes]))
  # Applications may only carry known scopes, so a typo in a test's seed fails loudly (422).
  enforce_configured_scopes

  # Stock 5.5 outside `development` refuses every http:// redirect URI. Keep that for real hosts
  # but allow loopback ones (RFC 8252 native apps); custom schemes are never affected.
  force_ssl_in_redirect_uri do |uri|
    !%w[127.0.0.1 localhost ::1 [::1]].include?(uri.host)
  end

  # Client credentials from HTTP Basic first, then form/query parameters (Doorkeeper's default,
  # spelled out because Factorial clients use both).
  client_credentials :from_basic, :from_params
  access_token_methods :from_bearer_authorization

  access_token_expires_in 3600
  authorization_code_expires_in 600
end

Rails.application.initialize!

# ---------------------------------------------------------------------------------------------
# Schema (created in code; the database file was deleted above, or kept with --keep-db)
# ---------------------------------------------------------------------------------------------
ActiveRecord::Migration.verbose = false
ActiveRecord::Schema.define do
  next if OPTIONS[:keep_db] && connection.table_exists?(:companies)

  create_table :companies do |t|
    t.string :name, null: false
    t.string :legal_name
    t.timestamps
  end

  create_table :users do |t|
    t.references :company, null: false
    t.string :email, null: false, index: { unique: true }
    t.string :password_digest, null: false
    t.string :full_name
    t.string :role, null: false, default: "basic"
    t.integer :employee_id
    t.timestamps
  end

  # Doorkeeper's own migration (install + PKCE + polymorphic owner), inlined.
  create_table :oauth_applications do |t|
    t.string  :name, null: false
    t.string  :uid, null: false, index: { unique: true }
    t.string  :secret, null: false
    t.text    :redirect_uri, null: false
    t.string  :scopes, null: false, default: ""
    t.boolean :confidential, null: false, default: true
    t.timestamps null: false
  end

  create_table :oauth_access_grants do |t|
    t.references :resource_owner, null: false, polymorphic: true, index: { name: "polymorphic_owner_oauth_access_grants" }
    t.references :application, null: false
    t.string   :token, null: false, index: { unique: true }
    t.integer  :expires_in, null: false
    t.text     :redirect_uri, null: false
    t.datetime :created_at, null: false
    t.datetime :revoked_at
    t.string   :scopes, null: false, default: ""
    t.string   :code_challenge
    t.string   :code_challenge_method
  end

  create_table :oauth_access_tokens do |t|
    t.references :resource_owner, polymorphic: true, index: { name: "polymorphic_owner_oauth_access_tokens" }
    t.references :application, null: false
    t.string   :token, null: false, index: { unique: true }
    t.string   :refresh_token, index: { unique: true }
    t.integer  :expires_in
    t.datetime :revoked_at
    t.datetime :created_at, null: false
    t.string   :scopes
    # Doorkeeper decides the rotation mode from this column's mere existence:
    # present = the old refresh token lives until the new access token is first used (on-use);
    # absent  = the old refresh token is revoked by the refresh itself (immediate).
    t.string :previous_refresh_token, null: false, default: "" if OPTIONS[:rotation] == "on-use"
  end
end

# ---------------------------------------------------------------------------------------------
# Models
# ---------------------------------------------------------------------------------------------
class Company < ActiveRecord::Base
  has_many :users
  validates :name, presence: true
end

class User < ActiveRecord::Base
  ROLES = %w[admin basic].freeze
  belongs_to :company
  validates :email, presence: true, uniqueness: true
  validates :role, inclusion: { in: ROLES }

  def admin?
    role == "admin"
  end

  def password_matches?(password)
    ActiveSupport::SecurityUtils.secure_compare(password_digest, Sandbox.password_digest(password.to_s))
  end
end

# Every new user token gets the lifetime from /sandbox/settings. Doorkeeper itself copies the old
# token's lifetime on refresh; doing it here makes a TTL change visible to refreshed tokens too.
Doorkeeper::AccessToken.before_validation(on: :create) do
  self.expires_in = resource_owner.is_a?(Company) ? nil : Sandbox.settings["access_token_ttl"]
end

# Refresh tokens older than /sandbox/settings' refresh_token_ttl are refused with invalid_grant,
# as Factorial refuses one after about a week. Doorkeeper calls validate_token for `validate :token`.
module SandboxRefreshTokenLife
  private

  def validate_token
    ttl = Sandbox.settings["refresh_token_ttl"]
    super && (ttl.nil? || refresh_token.created_at > Time.now - ttl)
  end
end
Doorkeeper::OAuth::RefreshTokenRequest.prepend(SandboxRefreshTokenLife)

# Texts for the consent page's scope list (Doorkeeper looks up doorkeeper.scopes.<name>).
I18n.backend.store_translations(
  :en,
  doorkeeper: { scopes: (Sandbox::SCOPES + OPTIONS[:extra_scopes]).to_h { |s| [s.to_sym, "Read and write #{s.tr("_", " ")}"] } },
)

# ---------------------------------------------------------------------------------------------
# Additions to Doorkeeper's authorization controller (company tokens, default scopes)
# ---------------------------------------------------------------------------------------------
Doorkeeper::AuthorizationsController.class_eval do
  # Runs before authentication and before Doorkeeper builds its pre-authorization.
  prepend_before_action :sandbox_fill_default_scope
  before_action :sandbox_company_guard

  private

  # `resource_owner_type=company` is not a Doorkeeper parameter: its consent form would drop it.
  # The GET remembers it in the session, keyed to this very request (client, redirect, state), and
  # the Authorize/Deny POST/DELETE of the same request picks it up again.
  def sandbox_company_requested?
    key = Digest::SHA256.hexdigest([params[:client_id], params[:redirect_uri], params[:state]].join("\n"))
    if request.get?
      wants = params[:resource_owner_type] == "company"
      session[:company_authorization] = wants ? key : nil
      wants
    else
      params[:resource_owner_type] == "company" || session[:company_authorization] == key
    end
  end

  def sandbox_fill_default_scope
    return if params[:scope].present? || Sandbox.settings["scope_fallback"] != "application"

    app = Doorkeeper::Application.find_by(uid: params[:client_id].to_s)
    params[:scope] = app.scopes.to_s if app&.scopes.present?
  end

  # Only admins may authorize company tokens. A non-admin gets Doorkeeper's own "deny" answer,
  # i.e. a redirect with error=access_denied (and the state), but only once Doorkeeper has
  # verified the client and redirect URI; otherwise its usual error page is shown.
  def sandbox_company_guard
    return if @sandbox_user.nil? || action_name == "show" || !sandbox_company_requested?

    if @sandbox_user.admin?
      flash.now[:notice] = "Company token for #{@sandbox_user.company.name}, requested by #{@sandbox_user.email}"
    elsif pre_auth.authorizable?
      warn "sandbox: refusing company token to non-admin user #{@sandbox_user.id}"
      redirect_or_render(authorization.deny)
    else
      render_error
    end
  end
end

# ---------------------------------------------------------------------------------------------
# Controllers
# ---------------------------------------------------------------------------------------------
class LoginController < ActionController::Base
  # protect_from_forgery is on by default (load_defaults): the form carries authenticity_token.
  FORM = <<~ERB
    <!DOCTYPE html>
    <html><head><meta charset="utf-8"><title>Factorial sandbox login</title></head>
    <body>
      <h1>Factorial sandbox</h1>
      <% if @error %><p id="error"><%= @error %></p><% end %>
      <form action="/login" method="post">
        <input type="hidden" name="authenticity_token" value="<%= form_authenticity_token %>">
        <label>Email <input type="email" name="email" value="<%= @email %>"></label>
        <label>Password <input type="password" name="password"></label>
        <input type="submit" name="commit" value="Log in">
      </form>
    </body></html>
  ERB

  def new
    render inline: FORM
  end

  def create
    user = User.find_by(email: params[:email].to_s.strip.downcase)
    unless user&.password_matches?(params[:password])
      @error = "Invalid email or password"
      @email = params[:email]
      return render(inline: FORM, status: :unauthorized)
    end

    return_to = session[:return_to]
    reset_session # new session id after login, as a real app would
    session[:user_id] = user.id
    redirect_to(return_to.presence || "/")
  end

  def destroy
    reset_session
    redirect_to "/login"
  end

  def home
    render plain: "Factorial OAuth sandbox (Doorkeeper #{Doorkeeper::VERSION::STRING})\n"
  end
end

# Factorial's "who am I" endpoint. doorkeeper_authorize! goes through OAuth::Token.authenticate,
# which is where Doorkeeper revokes the previous refresh token on first use of a new access token.
class CredentialsController < ActionController::API
  before_action :authorize_credentials

  def index
    token = doorkeeper_token
    owner = token.resource_owner
    item =
      if owner.is_a?(Company)
        { id: owner.id, name: owner.name, legal_name: owner.legal_name, company_id: owner.id,
          resource_owner_type: "company" }
      else
        { id: owner.id, email: owner.email, full_name: owner.full_name, role: owner.role,
          employee_id: owner.employee_id, company_id: owner.company_id, resource_owner_type: "user" }
      end
    item[:scopes] = token.scopes.to_a
    render json: { data: [item], meta: { limit: 100, total: 1, has_next_page: false, has_previous_page: false,
                                         start_cursor: nil, end_cursor: nil } }
  end

  private

  # Doorkeeper answers 401 with an empty body by default; give a JSON body like the token endpoint.
  def doorkeeper_unauthorized_render_options(error: nil)
    { json: { error: error.name, error_description: error.description } }
  end

  def doorkeeper_forbidden_render_options(error: nil)
    case Sandbox.settings["credentials_refusal"]
    when "doorkeeper" then nil
    when "rfc6750"
      response.headers["WWW-Authenticate"] =
        %(Bearer realm="Doorkeeper", error="insufficient_scope", scope="#{Sandbox.settings["credentials_scope"]}")
      { json: { error: "insufficient_scope", error_description: error.description } }
    else
      { json: { error: error.name, error_description: error.description } }
    end
  end

  def authorize_credentials
    scope = Sandbox.settings["credentials_scope"]
    scope.empty? ? doorkeeper_authorize! : doorkeeper_authorize!(scope.to_sym)
  end
end

# Seeding and inspection API for tests: JSON, no CSRF (ActionController::API), loopback only.
class SandboxController < ActionController::API
  before_action { head :forbidden unless request.remote_ip.in?(%w[127.0.0.1 ::1]) }
  rescue_from(ActiveRecord::RecordInvalid) { |e| render json: { error: e.message }, status: :unprocessable_entity }
  rescue_from(ActiveRecord::RecordNotFound) { |e| render json: { error: e.message }, status: :not_found }
  rescue_from(ArgumentError, TypeError) { |e| render json: { error: e.message }, status: :unprocessable_entity }
  rescue_from(ActionController::ParameterMissing) { |e| render json: { error: e.message.lines.first.strip }, status: :bad_request }

  def create_company
    company = Company.create!(name: params.require(:name), legal_name: params[:legal_name].presence || params[:name])
    render json: { id: company.id }, status: :created
  end

  def create_user
    company = Company.find(params.require(:company_id))
    user = User.new(
      company: company,
      email: params.require(:email).to_s.strip.downcase,
      password_digest: Sandbox.password_digest(params.require(:password)),
      full_name: params[:full_name],
      role: params[:role].presence || "basic",
    )
    User.transaction do
      user.save!
      # Factorial users and employees have distinct ids; keep them different so mix-ups show.
      user.update!(employee_id: params[:employee_id].presence&.to_i || 1000 + user.id)
    end
    render json: { id: user.id, employee_id: user.employee_id }, status: :created
  end

  def create_application
    app = Doorkeeper::Application.create!(
      name: params.require(:name),
      redirect_uri: params.require(:redirect_uri),
      confidential: params.key?(:confidential) ? Sandbox.truthy?(params[:confidential]) : true,
      scopes: params[:scopes].to_s,
      # Optional fixed credentials (otherwise Doorkeeper generates them).
      uid: params[:client_id].presence,
      secret: params[:client_secret].presence,
    )
    render json: application_json(app), status: :created
  end

  # Like Factorial: changing an application's scopes invalidates the tokens issued for it.
  def update_application
    app = Doorkeeper::Application.find_by!(uid: params[:client_id])
    app.update!(scopes: params.require(:scopes).to_s)
    now = Time.now.utc
    Doorkeeper::AccessToken.where(application_id: app.id, revoked_at: nil).update_all(revoked_at: now)
    Doorkeeper::AccessGrant.where(application_id: app.id, revoked_at: nil).update_all(revoked_at: now)
    render json: application_json(app)
  end

  def show_settings
    render json: Sandbox.settings
  end

  def update_settings
    render json: Sandbox.update_settings(params.to_unsafe_h.slice("access_token_ttl", "scope_fallback", "reuse_access_token", "refresh_token_ttl", "token_delay_ms", "access_token_length", "credentials_scope", "credentials_refusal"))
  end

  # User tokens issued at once, as many code exchanges would (`make bench`'s thousand accounts for
  # one keeper): {client_id, user_id, count} -> [{access_token, refresh_token, expires_in}].
  def mint_tokens
    app = Doorkeeper::Application.find_by!(uid: params.require(:client_id))
    user = User.find(params.require(:user_id))
    count = params[:count].to_i.clamp(1, 5000)
    made = Doorkeeper::AccessToken.transaction do
      Array.new(count) do
        Doorkeeper::AccessToken.create!(
          application_id: app.id, resource_owner_id: user.id, resource_owner_type: "User",
          scopes: app.scopes.to_s, use_refresh_token: true,
        )
      end
    end
    render json: made.map { |t|
      { access_token: t.try(:plaintext_token) || t.token,
        refresh_token: t.try(:plaintext_refresh_token) || t.refresh_token,
        expires_in: t.expires_in }
    }, status: :created
  end

  def tokens
    scope = Doorkeeper::AccessToken.order(:id)
    if params[:client_id].present?
      app = Doorkeeper::Application.find_by!(uid: params[:client_id])
      scope = scope.where(application_id: app.id)
    end
    render json: scope.map { |t| token_json(t) }
  end

  private

  def application_json(app)
    { client_id: app.uid, client_secret: app.plaintext_secret || app.secret, redirect_uri: app.redirect_uri,
      confidential: app.confidential, scopes: app.scopes.to_s }
  end

  def token_json(token)
    {
      id: token.id,
      client_id: token.application&.uid,
      resource_owner_type: token.resource_owner_type.to_s.downcase,
      resource_owner_id: token.resource_owner_id,
      token: token.token,
      refresh_token: token.refresh_token,
      previous_refresh_token: token.has_attribute?(:previous_refresh_token) ? token.previous_refresh_token.presence : nil,
      scopes: token.scopes.to_a,
      created_at: token.created_at.to_i,
      expires_in: token.expires_in, # lifetime in seconds, null = never expires
      remaining_seconds: token.expires_in_seconds,
      expired: !!token.expired?,
      revoked: token.revoked?,
      revoked_at: token.revoked_at&.to_i,
    }
  end
end

Rails.application.routes.draw do
  # Applications dashboard and "authorized applications" pages are not part of the sandbox.
  use_doorkeeper do
    skip_controllers :applications, :authorized_applications
  end

  get "/", to: "login#home"
  get "/login", to: "login#new"
  post "/login", to: "login#create"
  match "/logout", to: "login#destroy", via: %i[get post]

  # Any dated API version, e.g. /api/2026-10-01/resources/api_public/credentials.
  get "/api/:version/resources/api_public/credentials", to: "credentials#index",
                                                        constraints: { version: /\d{4}-\d{2}-\d{2}/ }

  scope "/sandbox", defaults: { format: :json } do
    post "/companies", to: "sandbox#create_company"
    post "/users", to: "sandbox#create_user"
    post "/applications", to: "sandbox#create_application"
    match "/applications/:client_id", to: "sandbox#update_application", via: %i[patch post]
    get "/settings", to: "sandbox#show_settings"
    post "/settings", to: "sandbox#update_settings"
    get "/tokens", to: "sandbox#tokens"
    post "/tokens", to: "sandbox#mint_tokens"
  end
end

# ---------------------------------------------------------------------------------------------
# Serve
# ---------------------------------------------------------------------------------------------
events = Puma::Events.new($stderr, $stderr)
server = Puma::Server.new(Rails.application, events, min_threads: 1, max_threads: 4, environment: "sandbox")
server.binder.inherit_tcp_listener("127.0.0.1", OPTIONS[:port], LISTENER)
%w[INT TERM].each { |sig| Signal.trap(sig) { exit!(0) } } # nothing to flush: the db is throwaway
thread = server.run
warn "sandbox: Doorkeeper #{Doorkeeper::VERSION::STRING}, Rails #{Rails.version}, rotation #{OPTIONS[:rotation]}, " \
     "db #{OPTIONS[:db]}, booted in #{(Process.clock_gettime(Process::CLOCK_MONOTONIC) - BOOT_STARTED).round(1)} s"
READY_OUT.puts "READY http://127.0.0.1:#{OPTIONS[:port]}"
READY_OUT.flush
thread.join
