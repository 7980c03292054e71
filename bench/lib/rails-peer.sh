# The Rails peer: Rails 6.1 Active Storage with its Disk service and SQLite, served by Puma in
# production mode, all from Debian packages (no Bundler, no network at run time).
#
# POST /uploads (multipart field "file") calls ActiveStorage::Blob.create_and_upload!, the
# counterpart of our upload servlet. Active Storage's own routes serve direct uploads
# (POST /rails/active_storage/direct_uploads, then PUT to the Disk service URL) and downloads.
# Puma runs in single mode with ${RAILS_THREADS:-5} threads, Rails' default.

RAILS_APP="$PERF/railsapp"
RAILS_PORT=""
RAILS_PACKAGES=(ruby-rails ruby-activestorage sqlite3 ruby-sqlite3 puma)

# rails_available: succeeds when the Debian packages of the peer are installed.
rails_available() {
    local package
    for package in "${RAILS_PACKAGES[@]}"; do
        dpkg -s "$package" > /dev/null 2>&1 || return 1
    done
}

# setup_rails: writes the application and loads a fresh schema, so every run starts empty.
setup_rails() {
    mkdir -p "$RAILS_APP"/{config/environments,app/controllers,db,log,tmp,storage}
    write_rails_app
    rm -rf "$RAILS_APP/db/production.sqlite3" "$RAILS_APP/storage"/* "$RAILS_APP/log"/*.log
    (cd "$RAILS_APP" && RAILS_ENV=production SECRET_KEY_BASE=bench ruby -e '
        require "./config/environment"
        ActiveRecord::Schema.verbose = false
        load "db/schema.rb"') >&2
}

write_rails_app() {
    cat > "$RAILS_APP/config.ru" << 'RUBY'
require_relative "config/environment"
run Rails.application
RUBY
    cat > "$RAILS_APP/config/application.rb" << 'RUBY'
require "rails"
require "active_record/railtie"
require "active_storage/engine"
require "action_controller/railtie"

module BenchPeer
  class Application < Rails::Application
    config.load_defaults 6.1
    config.active_storage.service = :local
    config.active_job.queue_adapter = :inline
  end
end
RUBY
    cat > "$RAILS_APP/config/environment.rb" << 'RUBY'
require_relative "application"
Rails.application.initialize!
RUBY
    cat > "$RAILS_APP/config/environments/production.rb" << 'RUBY'
Rails.application.configure do
  config.cache_classes = true
  config.eager_load = true
  config.consider_all_requests_local = false
  config.public_file_server.enabled = false
  config.log_level = :info
  config.logger = ActiveSupport::Logger.new(Rails.root.join("log", "production.log"))
  # A JSON load test sends no form token; a browser would.
  config.action_controller.allow_forgery_protection = false
  config.active_record.dump_schema_after_migration = false
end
RUBY
    cat > "$RAILS_APP/config/storage.yml" << 'YAML'
local:
  service: Disk
  root: <%= Rails.root.join("storage") %>
YAML
    cat > "$RAILS_APP/config/database.yml" << 'YAML'
production:
  adapter: sqlite3
  database: db/production.sqlite3
  pool: 8
  timeout: 5000
YAML
    cat > "$RAILS_APP/config/routes.rb" << 'RUBY'
Rails.application.routes.draw do
  post "/uploads", to: "uploads#create"
end
RUBY
    cat > "$RAILS_APP/app/controllers/uploads_controller.rb" << 'RUBY'
# Stores the multipart file as a blob: MD5, content type from Marcel, Disk service, SQLite row.
class UploadsController < ActionController::API
  def create
    file = params.require(:file)
    blob = ActiveStorage::Blob.create_and_upload!(io: file, filename: file.original_filename, content_type: file.content_type)
    render status: :created, json: {
      id: blob.id, key: blob.key, byte_size: blob.byte_size, checksum: blob.checksum,
      download_path: rails_blob_path(blob, disposition: "attachment")
    }
  end
end
RUBY
    write_rails_schema
}

write_rails_schema() {
    cat > "$RAILS_APP/db/schema.rb" << 'RUBY'
ActiveRecord::Schema.define(version: 1) do
  create_table :active_storage_blobs, force: true do |t|
    t.string :key, null: false
    t.string :filename, null: false
    t.string :content_type
    t.text :metadata
    t.string :service_name, null: false
    t.bigint :byte_size, null: false
    t.string :checksum, null: false
    t.datetime :created_at, null: false
    t.index [:key], unique: true
  end
  create_table :active_storage_attachments, force: true do |t|
    t.string :name, null: false
    t.references :record, null: false, polymorphic: true, index: false
    t.references :blob, null: false
    t.datetime :created_at, null: false
    t.index [:record_type, :record_id, :name, :blob_id], name: "index_active_storage_attachments_uniqueness", unique: true
  end
  create_table :active_storage_variant_records, force: true do |t|
    t.belongs_to :blob, null: false, index: false
    t.string :variation_digest, null: false
    t.index %i[blob_id variation_digest], name: "index_active_storage_variant_records_uniqueness", unique: true
  end
end
RUBY
}

# ensure_rails: sets RAILS_PORT, setting the application up first if needed.
ensure_rails() {
    if [ -n "$RAILS_PORT" ]; then
        return 0
    fi
    [ -f "$RAILS_APP/db/production.sqlite3" ] || setup_rails
    local port
    port="$(free_port)"

    # exec replaces the subshell with Puma, so $! is Puma's own PID.
    (cd "$RAILS_APP" && RAILS_ENV=production RACK_ENV=production TMPDIR="$PERF/tmp" \
        SECRET_KEY_BASE="bench-$(openssl rand -hex 32)" \
        exec nohup puma -e production -b "tcp://127.0.0.1:$port" -t "${RAILS_THREADS:-5}:${RAILS_THREADS:-5}" -w 0 config.ru) \
        > "$PERF/rails-puma.log" 2>&1 &
    echo $! > "$PIDS/rails.pid"

    wait_port "$port" 60 || { tail -20 "$PERF/rails-puma.log" >&2; stop_rails; die "Puma did not start"; }
    RAILS_PORT="$port"
    log "Rails peer on 127.0.0.1:$RAILS_PORT (pid $(cat "$PIDS/rails.pid"))"
}

stop_rails() {
    stop_pidfile "$PIDS/rails.pid"
    RAILS_PORT=""
}

rails_pids() { cat "$PIDS/rails.pid"; }

# clear_rails_uploads: removes stored objects and Rack's multipart temporary files.
clear_rails_uploads() {
    rm -rf "$RAILS_APP/storage"/* "$PERF/tmp"/* 2>/dev/null || true
}

# rails_direct_upload FILE: reserves a direct upload for FILE; prints the URL, then one header per line.
rails_direct_upload() {
    local file="$1" body
    body="$(direct_upload_body "$file")"
    curl -sS -f -H 'Content-Type: application/json' -H 'Accept: application/json' -d "$body" \
        "http://127.0.0.1:$RAILS_PORT/rails/active_storage/direct_uploads" \
        | jq -r '.direct_upload.url, (.direct_upload.headers | to_entries[] | "\(.key): \(.value)")'
}
