#include "simulator/live/server.h"

#include <asio.hpp>
#include <csignal>
#include <nlohmann/json.hpp>
#include <restinio/all.hpp>

#include "reports/output_folder.h"
#include "simulator/live/apis.h"
#include "simulator/live/event_handlers.h"
#include "simulator/live/live_reports.h"
#include "simulator/live/modem_ports.h"
#include "simulator/live/virtual_modems.h"
#include "simulator/live/webhook_client.h"

namespace carriersim {
namespace {

std::string ModemsJson(const VirtualModems& modems, const ModemPorts& ports);

using Traits = restinio::default_single_thread_traits_t;
using RestServer = restinio::http_server_t<Traits>;

// RESTinio's request as plain data; false (with `why`) for a path that does not decode.
bool ToHttpRequest(const restinio::request_handle_t& req, HttpRequest* r, std::string* why) {
  const auto& h = req->header();
  r->method = h.method().c_str();
  r->path = std::string(h.path());
  std::string_view rest = r->path;
  while (!rest.empty()) {
    const size_t slash = rest.find('/');
    const std::string_view part = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    if (part.empty()) continue;
    std::string decoded;
    if (!PercentDecode(part, false, &decoded)) return (*why = "malformed path", false);
    r->segments.push_back(std::move(decoded));
  }
  if (!ParseForm(h.query(), &r->query)) return (*why = "malformed query string", false);
  h.for_each_field([&](const auto& f) {
    std::string name(f.name());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    r->headers.emplace_back(std::move(name), std::string(f.value()));
  });
  r->body = req->body();
  return true;
}

// The reason phrase of the status codes the APIs answer with (clients print it).
const char* ReasonPhrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 413: return "Payload Too Large";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    default: return "";
  }
}

restinio::request_handling_status_t Respond(const restinio::request_handle_t& req,
                                            const HttpResponse& response) {
  auto builder = req->create_response(restinio::http_status_line_t(
      restinio::http_status_code_t(static_cast<std::uint16_t>(response.status)),
      ReasonPhrase(response.status)));
  builder.append_header(restinio::http_field::content_type, response.content_type);
  for (const auto& [name, value] : response.headers) builder.append_header(name, value);
  builder.set_body(response.body);
  return builder.done();
}

// The session and what drives it: the server, the wake-up timer, signals, webhooks.
class Server {
 public:
  Server(const Scenario& scenario, const ServeOptions& options, std::ostream& out,
         std::ostream& err)
      : options_(options),
        out_(out),
        err_(err),
        live_(scenario, options.clock, options.speed),
        modems_(live_),
        ports_(io_, modems_),
        wake_(io_),
        signals_(io_, SIGINT, SIGTERM) {
    hooks_.snapshot = [this] { return Snapshot(); };
    hooks_.modems = [this] { return ModemsJson(modems_, ports_); };
    ports_.set_after_input([this] { Step(); });
    hooks_.shutdown = [this] { asio::post(io_, [this] { Shutdown("POST /_carriersim/shutdown"); }); };
    InstallEventHandlers(live_);
  }

  bool Run() {
    std::string error;
    if (!folder_.Open(options_.out_dir, &error)) {
      err_ << "carriersim serve: " << error << "\n";
      return false;
    }
    if (!OpenModems(&error)) {
      err_ << "carriersim serve: " << error << "\n";
      return false;
    }
    try {
      server_ = std::make_unique<RestServer>(restinio::external_io_context(io_), Settings());
      server_->open_sync();
    } catch (const std::exception& e) {
      err_ << "carriersim serve: cannot listen on " << options_.host << ":" << options_.port
           << ": " << e.what() << "\n";
      return false;
    }
    PrintBanner();
    signals_.async_wait([this](const asio::error_code& ec, int signal) {
      if (!ec) Shutdown(signal == SIGINT ? "SIGINT" : "SIGTERM");
    });
    Step();
    io_.run();
    return ok_;
  }

 private:
  bool OpenModems(std::string* error) {
    if (modems_.size() == 0) return true;
    return options_.modem_port > 0 ? ports_.OpenTcp(options_.host, options_.modem_port, error)
                                   : ports_.OpenPtys(options_.out_dir + "/modems", error);
  }

  restinio::server_settings_t<Traits> Settings() {
    restinio::server_settings_t<Traits> s;
    s.address(options_.host).port(options_.port);
    // Bodies past the API limit are answered 413 by Route; far past it, RESTinio drops the
    // connection before buffering more.
    s.incoming_http_msg_limits(restinio::incoming_http_msg_limits_t{}.max_body_size(16 * kMaxRequestBody));
    s.read_next_http_message_timelimit(std::chrono::seconds(60));
    s.acceptor_post_bind_hook([this](asio::ip::tcp::acceptor& a) { port_ = a.local_endpoint().port(); });
    s.request_handler([this](const restinio::request_handle_t& req) { return Handle(req); });
    return s;
  }

  restinio::request_handling_status_t Handle(const restinio::request_handle_t& req) {
    HttpRequest request;
    std::string why;
    HttpResponse response = ToHttpRequest(req, &request, &why)
                                ? Route(live_, hooks_, request)
                                : ApiError("", 400, "bad-request", why);
    const auto status = Respond(req, response);
    Step();
    return status;
  }

  // After anything happened: world to the clock's time, webhooks out, timer for what is next.
  void Step() {
    if (stopping_) return;
    live_.Sync();
    for (OutgoingRequest& r : live_.TakeOutbox()) SendOut(std::move(r));
    wake_.cancel();
    if (options_.clock == LiveClock::Mode::kManual) return;
    const SimTime next = live_.NextWake();
    const auto at = live_.clock().WallAt(next == kNever ? live_.clock().end() : next);
    if (at == LiveClock::Wall::max()) return;
    wake_.expires_at(at);
    wake_.async_wait([this](const asio::error_code& ec) {
      if (!ec) Step();
    });
  }

  // Deliveries still under way when the session stops are recorded as they stand: not waited
  // for, as a receiver that never answers must not hold the reports back.
  void SendOut(OutgoingRequest r) {
    const WebhookPolicy policy{options_.webhook_timeout_ms, options_.webhook_attempts,
                               options_.webhook_backoff_ms};
    Deliver(io_, std::move(r), policy, [this](Delivery d) { live_.RecordDelivery(std::move(d)); });
  }

  std::string Snapshot() {
    Scenario copy;
    const RunResult run = live_.Snapshot(&copy);
    std::string error;
    PublishLiveReports(run, live_.JournalText(), live_.deliveries(), folder_, &error);
    ports_.Relink();  // the folder that held the links was replaced
    return error;
  }

  void Shutdown(const std::string& why) {
    if (stopping_) return;
    live_.Sync();
    stopping_ = true;
    wake_.cancel();
    signals_.cancel();
    out_ << "carriersim serve: " << why << " at " << live_.NowText() << ": writing the reports\n";
    ports_.Close();
    const std::string journal = live_.JournalText();
    const RunResult run = live_.Stop();
    std::string error;
    if (!PublishLiveReports(run, journal, live_.deliveries(), folder_, &error)) {
      err_ << "carriersim serve: " << error << "\n";
      ok_ = false;
    } else {
      out_ << "carriersim serve: reports in " << options_.out_dir << "/\n";
    }
    out_.flush();
    server_->close_sync();
    io_.stop();
  }

  void PrintBanner();

  ServeOptions options_;
  std::ostream& out_;
  std::ostream& err_;
  asio::io_context io_;
  LiveService live_;
  VirtualModems modems_;
  ModemPorts ports_;
  asio::steady_timer wake_;
  asio::signal_set signals_;
  OutputFolder folder_;
  ControlHooks hooks_;
  std::unique_ptr<RestServer> server_;
  uint16_t port_ = 0;
  bool stopping_ = false;
  bool ok_ = true;
};

void Server::PrintBanner() {
  const Scenario& s = live_.scenario();
  const std::string base = "http://" + options_.host + ":" + std::to_string(port_);
  out_ << "carriersim serve: " << s.name << " (" << s.file << "), clock "
       << (options_.clock == LiveClock::Mode::kManual ? std::string("manual")
                                                      : "real x" + std::to_string(options_.speed))
       << ", from " << live_.NowText() << "\n";
  for (uint32_t c = 0; c < s.carriers.size(); ++c) {
    const std::string& style = s.carriers[c].profile.api.style;
    if (style.empty()) continue;
    const std::string path = style == "hologram" ? "/api/1" : "/v1";
    out_ << "  " << style << " API of carrier " << s.carriers[c].name << ": " << base << path;
    for (const ApiUser& u : s.live.users) {
      if (u.carrier == c) out_ << "\n    user " << u.name << " / " << u.secret << " (" << u.role << ")";
    }
    out_ << "\n";
  }
  for (size_t i = 0; i < modems_.size(); ++i) {
    const ModemIdentity& id = modems_.identity(i);
    out_ << "  modem " << modems_.name(i) << ": "
         << (ports_.Link(i).empty() ? ports_.Where(i) : ports_.Link(i) + " -> " + ports_.Where(i))
         << " (IMEI " << id.imei << ", IMSI " << id.imsi << ")\n";
  }
  out_ << "  control API: " << base << "/_carriersim/ (Authorization: Bearer "
       << live_.access().control_key() << ")\n"
       << "  metrics: " << base << "/_carriersim/metrics\n"
       << "  reports, journal and webhooks.csv go to " << options_.out_dir
       << "/ on Ctrl-C, SIGTERM or POST /_carriersim/shutdown\n"
       << "listening on " << base << "\n";
  out_.flush();
}

// GET /_carriersim/modems: each virtual modem, its line and what it shows.
std::string ModemsJson(const VirtualModems& modems, const ModemPorts& ports) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (size_t i = 0; i < modems.size(); ++i) {
    const ModemIdentity& id = modems.identity(i);
    const ModemStatus s = modems.status(i);
    const std::string& name = modems.name(i);
    nlohmann::ordered_json m;
    m["name"] = name;
    m["sim"] = name.substr(0, name.rfind('-')) + "#" + name.substr(name.rfind('-') + 1);
    m[ports.Link(i).empty() ? "tcp" : "pty"] = ports.Where(i);
    if (!ports.Link(i).empty()) m["link"] = ports.Link(i);
    m["connected"] = ports.connected(i);
    m["imei"] = id.imei;
    m["imsi"] = id.imsi;
    m["iccid"] = id.iccid;
    m["powered"] = s.powered;
    m["fun"] = s.fun;
    m["modem"] = ModemStateName(s.modem);
    m["last_cause"] = s.last_cause;
    m["data_session"] = s.pdn_up;
    const VirtualModems::Counters c = modems.counters(i);
    m["attach_attempts"] = c.attach_attempts;
    m["attach_rejects"] = c.rejects;
    m["reboots"] = c.reboots;
    m["radio_ms"] = c.radio_ms;
    m["dropped_bytes"] = ports.dropped_bytes(i);
    list.push_back(std::move(m));
  }
  return list.dump(2);
}

}  // namespace

int Serve(const Scenario& scenario, const ServeOptions& options, std::ostream& out,
          std::ostream& err) {
  Server server(scenario, options, out, err);
  return server.Run() ? 0 : 4;
}

}  // namespace carriersim
