/* reconnect_firmware: the reconnect logic of an IoT device, built for a host (see README.md).
 * It drives a Quectel BG95/BG96-style LTE-M module with AT commands and sends a reading to an
 * echo service every --interval seconds. The point is what it does when registration is denied:
 * after a permanent reject (EMM cause #3, #6, #7, #8) the module holds its SIM invalid until it
 * is reset, so the firmware asks for nothing until a reset (SIGUSR1 here); --naive answers every
 * reject at once with AT+CFUN=0 and AT+CFUN=1, forever: the firmware behind signaling storms. */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE /* cfmakeraw() */

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

/* Seconds. SLOW: AT+CFUN, AT+QIACT, AT+QICLOSE and the +QIOPEN URC; READY: AT+CFUN=1,1 to RDY;
 * CEREG_POLL: between AT+CEREG? while not registered. MAX_SEND: bytes per AT+QISEND. */
enum { CMD_TIMEOUT = 10, SLOW_TIMEOUT = 30, READY_TIMEOUT = 60, CEREG_POLL = 5, MAX_SEND = 1460 };

enum sock { SOCK_CLOSED, SOCK_OPEN, SOCK_BROKEN }; /* BROKEN: needs AT+QICLOSE first */

/* Set by the signal handlers, acted on between commands (never in the middle of one). */
static volatile sig_atomic_t g_stop, g_reset;
static struct timespec g_start;

struct fw {
  bool naive; /* options */
  int interval, bytes;
  int fd;          /* the line to the module */
  char line[1024]; /* the last line received; while `len` > 0, the next one coming in */
  size_t len;
  char final[1024]; /* the last command's final result code, or why none came */
  int stat, cause;  /* +CEREG <stat> (-1 unknown) and the EMM reject cause with it (0 none) */
  int fun;          /* +CFUN (-1 unknown) */
  int qiopen_err;   /* -1 until +QIOPEN: 0,<err> comes */
  enum sock sock;   /* socket 0, to the echo service */
  bool pdp_up;      /* PDP context 1 is active */
  bool restarted;   /* the module said RDY */
  bool blocked;     /* a permanent reject: nothing but a reset brings service back */
  unsigned readings;
};

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)(t.tv_sec - g_start.tv_sec) + (double)(t.tv_nsec - g_start.tv_nsec) / 1e9;
}

/* A line of the log: seconds since start, `tag` (">>" sent, "<<" received, "firmware:" decided)
 * and the text, with bytes that are not printable escaped so that one line stays one line. */
static void say(const char* tag, const char* fmt, ...) {
  char text[1200];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(text, sizeof text, fmt, ap);
  va_end(ap);
  printf("[%9.3f] %s ", now(), tag);
  for (const char* c = text; *c != '\0'; c++)
    printf(isprint((unsigned char)*c) ? "%c" : "\\x%02x", (unsigned char)*c);
  putchar('\n');
}
#define note(...) say("firmware:", __VA_ARGS__)

static void line_lost(const char* why) {
  note("line lost (%s): exiting", why);
  exit(2);
}

static void write_all(int fd, const char* p, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) line_lost(strerror(errno));
    p += w;
    n -= (size_t)w;
  }
}

/* One byte from the module, as a UART gives them, waiting until `deadline` at most (polling once
 * if it has passed): false if none came, or if `interruptible` and a signal asks for attention. */
static bool get_byte(struct fw* fw, double deadline, bool interruptible, char* c) {
  for (;;) {
    if (interruptible && (g_stop || g_reset)) return false;
    double left = deadline - now();
    /* Short slices: a signal that lands just before poll() is still seen within 200 ms. */
    int ms = left <= 0 ? 0 : left < 0.2 ? (int)(left * 1000) + 1 : 200;
    if (poll(&(struct pollfd){.fd = fw->fd, .events = POLLIN}, 1, ms) > 0) {
      ssize_t r = read(fw->fd, c, 1);
      if (r == 1) return true;
      /* 0: the TCP peer closed; EIO: the other end of the pseudo-terminal did. */
      if (r == 0) line_lost("end of file");
      if (errno != EAGAIN && errno != EINTR) line_lost(strerror(errno));
    }
    if (left <= 0) return false;
  }
}

/* Direct push mode: the echo's data follows its +QIURC "recv" line, exactly `n` raw bytes. */
static void read_payload(struct fw* fw, long n) {
  double deadline = now() + 2;
  long got = 0;
  char c;
  while (got < n && get_byte(fw, deadline, false, &c)) got++;
  say("<<", "[%ld bytes]", got);
}

static bool is_registered(int stat) { return stat == 1 || stat == 5; }

static bool is_final(const char* l) {
  return strcmp(l, "OK") == 0 || strcmp(l, "ERROR") == 0 || strcmp(l, "SEND OK") == 0 ||
         strcmp(l, "SEND FAIL") == 0 || strncmp(l, "+CME ERROR:", 11) == 0;
}

/* TS 24.301 annex A: after these causes the SIM is invalid for EPS services until it is reset.
 * The cause's name, or NULL for a cause the module retries after by itself. */
static const char* permanent_cause(int cause) {
  return cause == 3   ? "Illegal UE"
         : cause == 6 ? "Illegal ME"
         : cause == 7 ? "EPS services not allowed"
         : cause == 8 ? "EPS services and non-EPS services not allowed"
                      : NULL;
}

/* The data session is gone: the socket must be closed before it is opened again. */
static void data_lost(struct fw* fw, const char* why) {
  if (fw->pdp_up || fw->sock == SOCK_OPEN) note("data session lost (%s)", why);
  fw->pdp_up = false;
  if (fw->sock != SOCK_CLOSED) fw->sock = SOCK_BROKEN;
}

/* A registration state from the module. The respectful decision is taken here, where it is only
 * a flag; --naive sends commands, so run_session() takes its own. */
static void set_registration(struct fw* fw, int stat, int cause) {
  if (stat == fw->stat && cause == fw->cause) return;
  int old = fw->stat;
  fw->stat = stat;
  fw->cause = cause;
  if (is_registered(stat)) {
    note("registered (%s)", stat == 5 ? "roaming" : "home");
    fw->blocked = false;
  } else if (is_registered(old)) {
    note("not registered (stat %d): readings paused", stat);
    data_lost(fw, "not registered");
  }
  if (stat != 3 || fw->naive) return;
  const char* name = permanent_cause(cause);
  fw->blocked = name != NULL;
  if (fw->blocked)
    note("permanent reject #%d (%s): not retrying until reset", cause, name);
  else
    note("registration denied (#%d): left to the module's retries (T3411/T3402)", cause);
}

/* +CEREG is the URC "<stat>[,<tac>,<ci>,<AcT>[,<cause_type>,<reject_cause>]]" or the answer to
 * AT+CEREG?, "<n>,<stat>[,...]": there the second field is a bare number, in the URC it is a
 * quoted <tac> or absent. */
static void on_cereg(struct fw* fw, const char* s) {
  int stat, cause_type = -1, cause = 0;
  const char* second = strchr(s, ',');
  if (second != NULL && isdigit((unsigned char)second[1])) s = second + 1;
  if (sscanf(s, "%d", &stat) != 1) return;
  for (int i = 0; i < 4 && s != NULL; i++) s = strchr(s + 1, ','); /* to <cause_type> */
  if (s != NULL) sscanf(s, ",%d,%d", &cause_type, &cause);
  set_registration(fw, stat, cause_type == 0 ? cause : 0); /* type 0: an EMM cause */
}

/* Every line from the module passes here: answers and URCs alike, whenever they come. */
static void on_line(struct fw* fw) {
  const char* l = fw->line;
  int a, b;
  if (strncmp(l, "+CEREG:", 7) == 0) {
    on_cereg(fw, l + 7);
  } else if (sscanf(l, "+CFUN: %d", &a) == 1) {
    fw->fun = a;
  } else if (strcmp(l, "RDY") == 0) {
    fw->restarted = true;
  } else if (sscanf(l, "+QIACT: %d,%d", &a, &b) == 2 && a == 1) {
    fw->pdp_up = b == 1;
  } else if (sscanf(l, "+QIOPEN: %d,%d", &a, &b) == 2 && a == 0) {
    fw->qiopen_err = b;
    fw->sock = b == 0 ? SOCK_OPEN : SOCK_BROKEN;
  } else if (sscanf(l, "+QIURC: \"recv\",%d,%d", &a, &b) == 2) {
    read_payload(fw, b);
  } else if (strncmp(l, "+QIURC: \"pdpdeact\"", 18) == 0 ||
             (strncmp(l, "+CGEV:", 6) == 0 && strstr(l, "DEACT") != NULL)) {
    data_lost(fw, l); /* a detach comes with a +CEREG, handled there */
  }
}

/* Takes the next line (logged, handled by on_line(), left in fw->line): false if none came
 * before `deadline`, or if `interruptible` and a signal asks for attention. The "> " prompt of
 * AT+QISEND, the one thing a module sends without CR LF after it, counts as the line ">". */
static bool next_line(struct fw* fw, double deadline, bool interruptible) {
  char c;
  while (get_byte(fw, deadline, interruptible, &c)) {
    if (c == '>' && fw->len == 0) {
      fw->line[fw->len++] = c;
    } else if (c != '\n') { /* not kept: CR, stray NULs, the space after a prompt, an overflow */
      bool keep = c != '\r' && c != '\0' && (c != ' ' || fw->len > 0);
      if (keep && fw->len < sizeof fw->line - 1) fw->line[fw->len++] = c;
      continue;
    }
    if (fw->len == 0) continue; /* an empty line */
    fw->line[fw->len] = '\0';
    fw->len = 0;
    say("<<", "%s", fw->line);
    on_line(fw);
    return true;
  }
  return false;
}

/* One command, up to its final result code: true for OK. `data`, if not NULL, is what the "> "
 * prompt of AT+QISEND asks for: `n` bytes. Signals never cut a command short, so that the module
 * is never left half-way through one; a stop lets no new one start. */
static bool cmd_data(struct fw* fw, const char* at, const char* data, int n, int timeout) {
  snprintf(fw->final, sizeof fw->final, "stopping");
  if (g_stop) return false;
  /* Lines already here are URCs or the late result of a command that timed out: handle them
   * first, so that a late "OK" is not taken for this command's. */
  while (next_line(fw, now(), false)) {
  }
  say(">>", "%s", at);
  write_all(fw->fd, at, strlen(at));
  write_all(fw->fd, "\r", 1);
  double deadline = now() + timeout;
  while (next_line(fw, deadline, false)) {
    if (strcmp(fw->line, ">") == 0 && data != NULL) {
      say(">>", "[%d bytes]", n);
      write_all(fw->fd, data, (size_t)n);
      data = NULL;
    } else if (is_final(fw->line) || strcmp(fw->line, "RDY") == 0) { /* RDY: restarted */
      snprintf(fw->final, sizeof fw->final, "%s", fw->line);
      return strcmp(fw->line, "OK") == 0 || strcmp(fw->line, "SEND OK") == 0;
    }
  }
  note("%s: no final result code within %d s", at, timeout);
  snprintf(fw->final, sizeof fw->final, "timeout");
  return false;
}

static bool cmd(struct fw* fw, const char* at, int t) { return cmd_data(fw, at, NULL, 0, t); }

/* After power-on or a reset. False when a signal interrupted it. */
static bool start_up(struct fw* fw) {
  while (!cmd(fw, "AT", 1)) /* the module may still be booting */
    if (g_stop || g_reset) return false;
  cmd(fw, "ATE0", CMD_TIMEOUT);
  cmd(fw, "AT+CMEE=2", CMD_TIMEOUT); /* errors in words, for the log */
  /* n=3: the registration URCs carry the reject cause, which tells permanent from temporary. */
  cmd(fw, "AT+CEREG=3", CMD_TIMEOUT);
  cmd(fw, "AT+CGEREP=2,1", CMD_TIMEOUT); /* +CGEV URCs: the network ending the data session */
  cmd(fw, "AT+CIMI", CMD_TIMEOUT);       /* the IMSI and the IMEI, for the log */
  cmd(fw, "AT+CGSN", CMD_TIMEOUT);
  cmd(fw, "AT+CFUN?", CMD_TIMEOUT);
  if (fw->fun != 1) cmd(fw, "AT+CFUN=1", SLOW_TIMEOUT);
  return true;
}

/* --naive, what not to do: a new attach at once after every reject, forever. */
static void force_attach(struct fw* fw) {
  note("registration denied (#%d): forcing a new attach (--naive)", fw->cause);
  double deadline = now() + 1; /* "let the module settle" */
  while (next_line(fw, deadline, true)) {
  }
  if (g_stop || g_reset) return;
  fw->stat = -1; /* unknown until the module says */
  cmd(fw, "AT+CFUN=0", SLOW_TIMEOUT);
  cmd(fw, "AT+CFUN=1", SLOW_TIMEOUT);
}

/* The data session (PDP context 1), then socket 0 to the echo service in direct push mode (the
 * last 1 of AT+QIOPEN): the echo comes back as +QIURC: "recv",0,<len> and the data itself. */
static bool bring_up_data(struct fw* fw) {
  if (!fw->pdp_up) cmd(fw, "AT+QIACT?", CMD_TIMEOUT); /* on_line() sets pdp_up if it is up */
  if (!fw->pdp_up && !cmd(fw, "AT+QIACT=1", SLOW_TIMEOUT)) {
    if (!g_stop) note("no data session (%s): next try in %d s", fw->final, fw->interval);
    return false;
  }
  fw->pdp_up = true;
  if (fw->sock == SOCK_OPEN) return true;
  fw->qiopen_err = -1;
  fw->sock = SOCK_BROKEN; /* until +QIOPEN says otherwise: closed first if anything fails */
  if (cmd(fw, "AT+QIOPEN=1,0,\"TCP\",\"echo.carriersim.test\",7,0,1", CMD_TIMEOUT)) {
    double deadline = now() + SLOW_TIMEOUT;
    while (fw->qiopen_err < 0 && next_line(fw, deadline, true)) {
    }
  }
  if (fw->qiopen_err != 0 && !g_stop && !g_reset)
    note("socket not opened: next try in %d s", fw->interval);
  return fw->qiopen_err == 0;
}

/* One reading: the data session and the socket first if they are down, then AT+QISEND=0,<n>, the
 * "> " prompt, exactly n bytes and SEND OK. The echo comes when it comes, handled by on_line().
 * Whatever fails is tried again at the next reading. */
static void send_reading(struct fw* fw) {
  if (!bring_up_data(fw)) return;
  char at[32], data[MAX_SEND + 64];
  int k = snprintf(data, sizeof data, "{\"reading\":%u,\"uptime\":%.0f}", ++fw->readings, now());
  if (k > fw->bytes) k = fw->bytes; /* a short --bytes cuts the reading */
  memset(data + k, ' ', (size_t)(fw->bytes - k));
  snprintf(at, sizeof at, "AT+QISEND=0,%d", fw->bytes);
  /* ERROR, SEND FAIL or no prompt: a new socket at the next reading. */
  if (!cmd_data(fw, at, data, fw->bytes, CMD_TIMEOUT) && !g_stop) data_lost(fw, fw->final);
}

/* One session with the module, from start-up until a signal or a restart (RDY) ends it. */
static void run_session(struct fw* fw) {
  fw->stat = fw->fun = -1;
  fw->cause = 0;
  fw->restarted = fw->pdp_up = fw->blocked = false;
  fw->sock = SOCK_CLOSED;
  if (!start_up(fw)) return;
  double next_poll = now(), next_reading = now();
  while (!g_stop && !g_reset && !fw->restarted) {
    bool registered = is_registered(fw->stat);
    /* Blocked: only listen, as anything else could make the module attach. Not registered: the
     * module retries by itself, and is only asked how it is going. */
    double due = fw->blocked ? now() + 3600 : registered ? next_reading : next_poll;
    if (fw->sock == SOCK_BROKEN) {
      cmd(fw, "AT+QICLOSE=0", SLOW_TIMEOUT);
      fw->sock = SOCK_CLOSED;
    } else if (fw->naive && fw->stat == 3) {
      force_attach(fw);
    } else if (now() < due) {
      next_line(fw, due, true);
    } else if (registered) {
      next_reading = now() + fw->interval;
      send_reading(fw);
    } else {
      cmd(fw, "AT+CEREG?", CMD_TIMEOUT);
      next_poll = now() + CEREG_POLL;
    }
  }
}

/* SIGUSR1, the reset button: AT+CFUN=1,1 restarts the module, which says RDY when it is back. */
static void reset_module(struct fw* fw) {
  note("reset (SIGUSR1): restarting the module");
  g_reset = 0;
  fw->restarted = false;
  cmd(fw, "AT+CFUN=1,1", SLOW_TIMEOUT);
  double deadline = now() + READY_TIMEOUT;
  while (!fw->restarted && next_line(fw, deadline, true)) {
  }
  if (!fw->restarted && !g_stop && !g_reset) note("no RDY within %d s", READY_TIMEOUT);
}

static int cannot_open(const char* dev, const char* why) {
  fprintf(stderr, "reconnect_firmware: cannot open %s: %s\n", dev, why);
  return -1;
}

/* A serial line or pseudo-terminal: raw bytes at 115200 baud (which a pty ignores). */
static int open_serial(const char* path) {
  int fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK); /* non-blocking until CLOCAL is set */
  struct termios t;
  if (fd < 0) return cannot_open(path, strerror(errno));
  if (isatty(fd) && tcgetattr(fd, &t) == 0) {
    cfmakeraw(&t); /* no echo, no CR/LF translation, no line editing */
    cfsetispeed(&t, B115200);
    cfsetospeed(&t, B115200);
    t.c_cflag |= CLOCAL | CREAD;
    tcsetattr(fd, TCSANOW, &t);
  }
  fcntl(fd, F_SETFL, 0); /* blocking writes: poll() says when a read will not block */
  return fd;
}

/* HOST:PORT, a modem port of carriersim serve --modem-port. */
static int open_tcp(const char* dev, const char* colon) {
  char host[256];
  snprintf(host, sizeof host, "%.*s", (int)(colon - dev), dev);
  struct addrinfo hints = {.ai_socktype = SOCK_STREAM}, *res;
  int rc = getaddrinfo(host, colon + 1, &hints, &res), fd = -1;
  if (rc != 0) return cannot_open(dev, gai_strerror(rc));
  for (struct addrinfo* ai = res; ai != NULL && fd < 0; ai = ai->ai_next) {
    fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
    if (fd >= 0 && connect(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
      close(fd);
      fd = -1;
    }
  }
  freeaddrinfo(res);
  if (fd < 0) return cannot_open(dev, strerror(errno));
  int one = 1; /* AT lines are small: send each at once */
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return fd;
}

static void on_stop(int sig) { g_stop = sig; }
static void on_reset(int sig) { g_reset = sig; }

static void install_signals(void) {
  struct sigaction stop = {.sa_handler = on_stop}, reset = {.sa_handler = on_reset};
  sigemptyset(&stop.sa_mask); /* sigaction(): handlers that stay, whatever the C library */
  sigemptyset(&reset.sa_mask);
  sigaction(SIGINT, &stop, NULL);
  sigaction(SIGTERM, &stop, NULL);
  sigaction(SIGUSR1, &reset, NULL);
  signal(SIGPIPE, SIG_IGN); /* a closed TCP port: EPIPE from write(), not death */
}

static void usage(int code) {
  fputs(
      "usage: reconnect_firmware [--naive] [--interval SECONDS] [--bytes 1-1460] DEVICE\n"
      "  DEVICE: a serial device or pseudo-terminal, or HOST:PORT of a TCP modem port\n",
      code == 0 ? stdout : stderr);
  exit(code);
}

/* An option's number, in [min, max]. */
static int number(const char* s, int min, int max) {
  char* end = NULL;
  long v = s != NULL ? strtol(s, &end, 10) : 0;
  if (s == NULL || end == s || *end != '\0' || v < min || v > max) usage(1);
  return (int)v;
}

int main(int argc, char** argv) {
  static struct fw fw = {.interval = 60, .bytes = 64};
  const char* dev = NULL;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--help") == 0)
      usage(0);
    else if (strcmp(argv[i], "--naive") == 0)
      fw.naive = true;
    else if (strcmp(argv[i], "--interval") == 0)
      fw.interval = number(argv[++i], 1, 86400);
    else if (strcmp(argv[i], "--bytes") == 0)
      fw.bytes = number(argv[++i], 1, MAX_SEND);
    else if (argv[i][0] != '-' && dev == NULL)
      dev = argv[i];
    else
      usage(1);
  }
  if (dev == NULL) usage(1);

  clock_gettime(CLOCK_MONOTONIC, &g_start);
  setvbuf(stdout, NULL, _IOLBF, 0); /* the log is read while it is written */
  struct stat st;
  const char* colon = strrchr(dev, ':');
  fw.fd = stat(dev, &st) != 0 && colon != NULL ? open_tcp(dev, colon) : open_serial(dev);
  if (fw.fd < 0) return 2;
  install_signals();
  note("%s mode on %s: a reading of %d bytes every %d s", fw.naive ? "naive" : "respectful", dev,
       fw.bytes, fw.interval);
  run_session(&fw);
  while (!g_stop) {
    if (g_reset)
      reset_module(&fw);
    else
      note("the module restarted by itself: starting up again");
    run_session(&fw);
  }
  note("stopping on %s", g_stop == SIGINT ? "SIGINT" : "SIGTERM");
  g_stop = 0; /* for AT+QICLOSE */
  if (fw.sock != SOCK_CLOSED) cmd(&fw, "AT+QICLOSE=0", SLOW_TIMEOUT);
  close(fw.fd);
  note("stopped");
  return 0;
}
