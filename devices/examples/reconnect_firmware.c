/* reconnect_firmware: the reconnect logic of an IoT device, built for a host.
 *
 * It drives a Quectel BG95/BG96-style LTE-M module with AT commands (V.250, 3GPP TS 27.007,
 * Quectel QI* sockets) over a serial line, a pseudo-terminal or TCP, and sends a reading to an
 * echo service every --interval seconds. The point is what it does when registration is denied:
 *   default  after a permanent reject (EMM cause #3, #6, #7, #8 of TS 24.301) the module holds
 *            its SIM invalid until it is reset, so the firmware stops asking for service and
 *            waits for a reset (SIGUSR1 here). Other rejects are left to the module's own
 *            retry timers (T3411, T3402).
 *   --naive  every reject is answered at once by switching the radio off and on (AT+CFUN=0,
 *            AT+CFUN=1), forever: the firmware behind signaling storms.
 * Everything sent and received is logged to stdout, one line each. SIGINT or SIGTERM stops it.
 * Exit codes: 0 stopped, 1 usage, 2 line lost or not opened. */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE /* cfmakeraw() */

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

enum event { EV_LINE, EV_PROMPT, EV_TIMEOUT, EV_SIGNAL }; /* what a wait for input gave */
enum outcome { STOP, RESET, RESTARTED };                  /* why a session with the module ended */
enum sock { SOCK_CLOSED, SOCK_OPEN, SOCK_BROKEN };        /* BROKEN: needs AT+QICLOSE first */

/* Set by the signal handlers, acted on between commands (never in the middle of one). */
static volatile sig_atomic_t g_stop, g_reset;
static struct timespec g_start;

struct fw {
  bool naive, quiet; /* options */
  int interval, bytes;
  int fd;        /* the line to the module */
  char in[4096]; /* bytes received, not consumed yet */
  size_t len;
  char line[1024]; /* the last line received */
  char info[128];  /* the last line that was no result code, URC or echo: AT+CIMI's answer */
  char final[128]; /* the last command's final result code */
  int stat, cause; /* +CEREG <stat> (-1 unknown) and the EMM reject cause with it (0 none) */
  int fun;         /* +CFUN (-1 unknown) */
  int qiopen_err;  /* -1 until +QIOPEN: 0,<err> comes */
  enum sock sock;  /* socket 0, to the echo service */
  bool pdp_up;     /* PDP context 1 is active */
  bool restarted;  /* the module said RDY */
  bool blocked;    /* a permanent reject: nothing but a reset brings service back */
  long echo_left;  /* bytes sent and not echoed yet */
  unsigned readings;
};

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)(t.tv_sec - g_start.tv_sec) + (double)(t.tv_nsec - g_start.tv_nsec) / 1e9;
}

/* A decision of the firmware's own: logged even with --quiet. */
static void note(const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  printf("[%9.3f] firmware: ", now());
  vprintf(fmt, ap);
  putchar('\n');
  va_end(ap);
}

/* One line of AT traffic, ">>" sent or "<<" received. Bytes that are not printable are escaped,
 * so that the log stays one line per line. */
static void trace(const struct fw* fw, const char* dir, const char* s) {
  if (fw->quiet) return;
  printf("[%9.3f] %s ", now(), dir);
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (c >= 0x20 && c < 0x7f)
      putchar(c);
    else
      printf("\\x%02x", c);
  }
  putchar('\n');
}

static void line_lost(const char* why) {
  note("line lost (%s): exiting", why);
  exit(2);
}

/* A strncpy that always ends the string. */
static void copy(char* dst, size_t size, const char* src) {
  size_t n = strnlen(src, size - 1);
  memcpy(dst, src, n);
  dst[n] = '\0';
}

static void write_all(struct fw* fw, const char* p, size_t n) {
  while (n > 0) {
    ssize_t w = write(fw->fd, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) line_lost(strerror(errno));
    p += w;
    n -= (size_t)w;
  }
}

/* Reads what the line has, waiting until `deadline` at most (polling once if it has passed):
 * EV_LINE when bytes came, EV_TIMEOUT, or EV_SIGNAL if `interruptible` and a signal asks for
 * attention. */
static enum event fill(struct fw* fw, double deadline, bool interruptible) {
  for (;;) {
    if (interruptible && (g_stop || g_reset)) return EV_SIGNAL;
    double left = deadline - now();
    /* Short slices: a signal that lands just before poll() is still seen within 200 ms. */
    int ms = left <= 0 ? 0 : left < 0.2 ? (int)(left * 1000) + 1 : 200;
    if (poll(&(struct pollfd){.fd = fw->fd, .events = POLLIN}, 1, ms) > 0) {
      ssize_t r = read(fw->fd, fw->in + fw->len, sizeof fw->in - 1 - fw->len);
      if (r > 0) {
        fw->len += (size_t)r;
        return EV_LINE;
      }
      /* 0: the TCP peer closed; EIO: the other end of the pseudo-terminal did. */
      if (r == 0) line_lost("end of file");
      if (errno != EAGAIN && errno != EINTR) line_lost(strerror(errno));
    }
    if (left <= 0) return EV_TIMEOUT;
  }
}

static void consume(struct fw* fw, size_t n) {
  memmove(fw->in, fw->in + n, fw->len - n);
  fw->len -= n;
}

/* Direct push mode: the data follows its +QIURC "recv" line, exactly `n` raw bytes. */
static void read_payload(struct fw* fw, long n) {
  long got = 0;
  double deadline = now() + 2;
  while (got < n && (fw->len > 0 || fill(fw, deadline, false) == EV_LINE)) {
    size_t k = fw->len < (size_t)(n - got) ? fw->len : (size_t)(n - got);
    consume(fw, k);
    got += (long)k;
  }
  char text[48];
  snprintf(text, sizeof text, "[%ld bytes]", got);
  trace(fw, "<<", text);
  if (got < n) note("only %ld of %ld bytes of data came", got, n);
  fw->echo_left -= got;
}

static bool is_registered(int stat) { return stat == 1 || stat == 5; }

static bool is_final(const char* l) {
  return strcmp(l, "OK") == 0 || strcmp(l, "ERROR") == 0 || strcmp(l, "SEND OK") == 0 ||
         strcmp(l, "SEND FAIL") == 0 || strncmp(l, "+CME ERROR:", 11) == 0 ||
         strncmp(l, "+CMS ERROR:", 11) == 0;
}

/* TS 24.301 annex A: after these the SIM is invalid for EPS services until it is reset. */
static bool is_permanent(int cause) { return cause == 3 || cause == 6 || cause == 7 || cause == 8; }

static const char* cause_name(int cause) {
  static const char* const names[] = {[0] = "no cause given",
                                      [3] = "Illegal UE",
                                      [6] = "Illegal ME",
                                      [7] = "EPS services not allowed",
                                      [8] = "EPS services and non-EPS services not allowed",
                                      [22] = "Congestion"};
  bool known = cause >= 0 && cause <= 22 && names[cause] != NULL;
  return known ? names[cause] : "see TS 24.301 annex A";
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
  int old = fw->stat, old_cause = fw->cause;
  fw->stat = stat;
  fw->cause = cause;
  if (stat == old && cause == old_cause) return;
  if (is_registered(stat)) {
    note("registered (%s)%s", stat == 5 ? "roaming" : "home",
         fw->blocked ? " without a reset: readings resume" : "");
    fw->blocked = false;
  }
  if (is_registered(old) && !is_registered(stat)) {
    note("not registered (stat %d): readings paused", stat);
    data_lost(fw, "not registered");
  }
  if (stat != 3 || fw->naive) return;
  fw->blocked = is_permanent(cause);
  if (fw->blocked) {
    note("permanent reject #%d (%s): not retrying until reset", cause, cause_name(cause));
  } else {
    note("registration denied (#%d %s): left to the module's retries (T3411/T3402)", cause,
         cause_name(cause));
  }
}

/* +CEREG is the URC "<stat>[,<tac>,<ci>,<AcT>[,<cause_type>,<reject_cause>]]" or the answer to
 * AT+CEREG?, "<n>,<stat>[,...]": there the second field is a bare number, in the URC it is a
 * quoted <tac> or absent. */
static void on_cereg(struct fw* fw, const char* s) {
  char text[128], *f[8], *p = text;
  int n = 0;
  copy(text, sizeof text, s);
  for (f[n++] = p; n < 8 && (p = strchr(p, ',')) != NULL; f[n++] = p) *p++ = '\0';
  int at = n >= 2 && f[1][0] >= '0' && f[1][0] <= '9';
  if (n <= at || f[at][strspn(f[at], " ")] == '\0') return;
  /* <cause_type> 0: <reject_cause> is an EMM cause. */
  bool has_cause = n > at + 5 && atoi(f[at + 4]) == 0 && f[at + 5][0] != '\0';
  set_registration(fw, atoi(f[at]), has_cause ? atoi(f[at + 5]) : 0);
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
  } else if (sscanf(l, "+QIOPEN: %d,%d", &a, &b) == 2 && a == 0) {
    fw->qiopen_err = b;
    fw->sock = b == 0 ? SOCK_OPEN : SOCK_BROKEN;
  } else if (sscanf(l, "+QIURC: \"recv\",%d,%d", &a, &b) == 2) {
    read_payload(fw, b);
  } else if (strncmp(l, "+QIURC: \"closed\"", 16) == 0) {
    note("the echo service closed the socket");
    fw->sock = SOCK_BROKEN;
  } else if (strncmp(l, "+QIURC: \"pdpdeact\"", 18) == 0 ||
             (strncmp(l, "+CGEV:", 6) == 0 && (strstr(l, "DEACT") || strstr(l, "DETACH")))) {
    data_lost(fw, l);
  } else if (sscanf(l, "+QIACT: %d,%d", &a, &b) == 2 && a == 1) {
    fw->pdp_up = b == 1;
  } else if (l[0] != '+' && strncmp(l, "AT", 2) != 0 && !is_final(l)) {
    copy(fw->info, sizeof fw->info, l);
  }
}

/* The next line (logged, handled by on_line(), left in fw->line), or the "> " prompt of
 * AT+QISEND if `prompt`: the one thing a module sends without CR LF after it. */
static enum event next_event(struct fw* fw, double deadline, bool interruptible, bool prompt) {
  for (;;) {
    size_t skip = 0; /* empty lines, the space after a prompt, stray NULs (the 4th byte) */
    while (skip < fw->len && memchr("\r\n ", fw->in[skip], 4) != NULL) skip++;
    consume(fw, skip);
    if (prompt && fw->len > 0 && fw->in[0] == '>') {
      consume(fw, 1);
      trace(fw, "<<", ">");
      return EV_PROMPT;
    }
    char* nl = memchr(fw->in, '\n', fw->len);
    if (nl != NULL || fw->len == sizeof fw->in - 1) { /* a full buffer counts as a line */
      size_t n = nl != NULL ? (size_t)(nl - fw->in) : fw->len;
      size_t k = n < sizeof fw->line - 1 ? n : sizeof fw->line - 1;
      memcpy(fw->line, fw->in, k);
      while (k > 0 && (fw->line[k - 1] == '\r' || fw->line[k - 1] == ' ')) k--;
      fw->line[k] = '\0';
      consume(fw, nl != NULL ? n + 1 : n);
      trace(fw, "<<", fw->line);
      on_line(fw);
      return EV_LINE;
    }
    enum event e = fill(fw, deadline, interruptible);
    if (e != EV_LINE) return e;
  }
}

/* Waits `seconds`, handling what comes; false when a signal cut the wait short. */
static bool pause_for(struct fw* fw, double seconds) {
  double deadline = now() + seconds;
  enum event e;
  while ((e = next_event(fw, deadline, true, false)) == EV_LINE) {
  }
  return e != EV_SIGNAL;
}

/* Sends `at`, unless the firmware is stopping: then nothing new is started. */
static bool send_command(struct fw* fw, const char* at) {
  if (g_stop) {
    copy(fw->final, sizeof fw->final, "stopping");
    return false;
  }
  /* Lines already here are URCs or the late result of a command that timed out: handle them
   * first, so that a late "OK" is not taken for this command's. */
  while (next_event(fw, now(), false, false) == EV_LINE) {
  }
  trace(fw, ">>", at);
  write_all(fw, at, strlen(at));
  write_all(fw, "\r", 1);
  return true;
}

/* The final result code of `at` (kept in fw->final): true for OK. A module that restarts (RDY)
 * will never send it. */
static bool await_final(struct fw* fw, const char* at, int timeout) {
  double deadline = now() + timeout;
  while (next_event(fw, deadline, false, false) == EV_LINE) {
    if (!is_final(fw->line) && strcmp(fw->line, "RDY") != 0) continue;
    copy(fw->final, sizeof fw->final, fw->line);
    return strcmp(fw->line, "OK") == 0 || strcmp(fw->line, "SEND OK") == 0;
  }
  note("%s: no final result code within %d s", at, timeout);
  copy(fw->final, sizeof fw->final, "timeout");
  return false;
}

/* One command, up to its final result code: true for OK. Signals never cut a command short, so
 * that the module is never left half-way through one (at a "> " prompt, say). */
static bool cmd(struct fw* fw, const char* at, int timeout) {
  return send_command(fw, at) && await_final(fw, at, timeout);
}

/* After power-on or a reset. False when a signal interrupted it. */
static bool start_up(struct fw* fw) {
  while (!cmd(fw, "AT", 1)) { /* the module may still be booting */
    if (!pause_for(fw, 1)) return false;
  }
  cmd(fw, "ATE0", CMD_TIMEOUT);
  cmd(fw, "AT+CMEE=2", CMD_TIMEOUT); /* errors in words, for the log */
  /* n=3: the registration URCs carry the reject cause, which tells permanent from temporary. */
  if (!cmd(fw, "AT+CEREG=3", CMD_TIMEOUT) && cmd(fw, "AT+CEREG=2", CMD_TIMEOUT))
    note("no reject causes from this module: every reject is taken as temporary");
  cmd(fw, "AT+CGEREP=2,1", CMD_TIMEOUT); /* +CGEV URCs: the network ending the data session */
  fw->info[0] = '\0';
  if (cmd(fw, "AT+CIMI", CMD_TIMEOUT)) note("IMSI %s", fw->info);
  cmd(fw, "AT+CGSN", CMD_TIMEOUT);
  cmd(fw, "AT+CFUN?", CMD_TIMEOUT);
  if (fw->fun != 1) cmd(fw, "AT+CFUN=1", SLOW_TIMEOUT);
  return true;
}

/* --naive, what not to do: a new attach at once after every reject, forever. */
static void force_attach(struct fw* fw) {
  note("registration denied (#%d %s): forcing a new attach (--naive)", fw->cause,
       cause_name(fw->cause));
  if (!pause_for(fw, 1)) return;
  fw->stat = -1; /* unknown until the module says */
  cmd(fw, "AT+CFUN=0", SLOW_TIMEOUT);
  cmd(fw, "AT+CFUN=1", SLOW_TIMEOUT);
}

static bool activate_pdp(struct fw* fw) {
  cmd(fw, "AT+QIACT?", CMD_TIMEOUT); /* on_line() sets pdp_up if context 1 is still active */
  if (fw->pdp_up) return true;
  fw->pdp_up = cmd(fw, "AT+QIACT=1", SLOW_TIMEOUT);
  if (!fw->pdp_up && !g_stop)
    note("no data session (%s): next try in %d s", fw->final, fw->interval);
  return fw->pdp_up;
}

/* Socket 0 to the echo service in direct push mode (the last 1): the echo comes back as
 * +QIURC: "recv",0,<len> and the data itself. */
static bool open_socket(struct fw* fw) {
  fw->qiopen_err = -1;
  fw->sock = SOCK_BROKEN; /* until +QIOPEN says otherwise: closed first if anything fails */
  if (cmd(fw, "AT+QIOPEN=1,0,\"TCP\",\"echo.carriersim.test\",7,0,1", CMD_TIMEOUT)) {
    double deadline = now() + SLOW_TIMEOUT;
    while (fw->qiopen_err < 0 && next_event(fw, deadline, true, false) == EV_LINE) {
    }
  }
  if (fw->qiopen_err == 0) return true;
  if (fw->qiopen_err > 0)
    note("socket not opened (+QIOPEN error %d)", fw->qiopen_err);
  else if (!g_stop && !g_reset)
    note("socket not opened (%s)", fw->final);
  return false;
}

static void close_socket(struct fw* fw) {
  cmd(fw, "AT+QICLOSE=0", SLOW_TIMEOUT);
  fw->sock = SOCK_CLOSED;
}

/* AT+QISEND=0,<n>: the "> " prompt, exactly n bytes, then SEND OK, SEND FAIL or an error. */
static bool send_data(struct fw* fw, const char* data, int n) {
  char at[32], text[32];
  snprintf(at, sizeof at, "AT+QISEND=0,%d", n);
  if (!send_command(fw, at)) return false;
  double deadline = now() + CMD_TIMEOUT;
  enum event e;
  while ((e = next_event(fw, deadline, false, true)) == EV_LINE && !is_final(fw->line)) {
  }
  if (e != EV_PROMPT) { /* an error instead, or nothing */
    copy(fw->final, sizeof fw->final, e == EV_LINE ? fw->line : "no prompt");
    return false;
  }
  snprintf(text, sizeof text, "[%d bytes]", n);
  trace(fw, ">>", text);
  fw->echo_left = n; /* before writing: the echo may come before SEND OK */
  write_all(fw, data, (size_t)n);
  return await_final(fw, at, CMD_TIMEOUT);
}

/* One reading: the data session and the socket first if they are down, then the data and its
 * echo. Whatever fails is tried again at the next reading. */
static void send_reading(struct fw* fw) {
  if (!fw->pdp_up && !activate_pdp(fw)) return;
  if (fw->sock != SOCK_OPEN && !open_socket(fw)) return;
  char data[MAX_SEND + 64];
  int k = snprintf(data, sizeof data, "{\"reading\":%u,\"uptime\":%.0f}", ++fw->readings, now());
  if (k > fw->bytes) k = fw->bytes; /* a short --bytes cuts the reading */
  memset(data + k, ' ', (size_t)(fw->bytes - k));
  if (send_data(fw, data, fw->bytes)) {
    double deadline = now() + CMD_TIMEOUT;
    while (fw->echo_left > 0 && next_event(fw, deadline, true, false) == EV_LINE) {
    }
    if (fw->echo_left > 0 && !g_stop && !g_reset) note("no echo within %d s", CMD_TIMEOUT);
  } else if (strcmp(fw->final, "SEND FAIL") == 0) {
    note("SEND FAIL: the module's buffer is full; next reading in %d s", fw->interval);
  } else if (!g_stop) {
    data_lost(fw, fw->final);
  }
  fw->echo_left = 0;
}

/* One session with the module, from start-up until a signal or a restart ends it. */
static enum outcome run_session(struct fw* fw) {
  fw->stat = fw->fun = -1;
  fw->cause = 0;
  fw->restarted = fw->pdp_up = fw->blocked = false;
  fw->sock = SOCK_CLOSED;
  if (!start_up(fw)) return g_stop ? STOP : RESET;
  double next_poll = now(), next_reading = now();
  for (;;) {
    if (g_stop) return STOP;
    if (g_reset) return RESET;
    if (fw->restarted) return RESTARTED;
    double t = now();
    if (fw->sock == SOCK_BROKEN) {
      close_socket(fw);
    } else if (fw->naive && fw->stat == 3) {
      force_attach(fw);
    } else if (fw->blocked) { /* only listen: anything else could make the module attach */
      next_event(fw, t + 3600, true, false);
    } else if (!is_registered(fw->stat)) { /* the module retries by itself: only ask it */
      if (t < next_poll) {
        next_event(fw, next_poll, true, false);
      } else {
        cmd(fw, "AT+CEREG?", CMD_TIMEOUT);
        next_poll = now() + CEREG_POLL;
      }
    } else if (t < next_reading) {
      next_event(fw, next_reading, true, false);
    } else {
      next_reading = t + fw->interval;
      send_reading(fw);
    }
  }
}

/* SIGUSR1, the reset button: AT+CFUN=1,1 restarts the module, which says RDY when it is back. */
static void reset_module(struct fw* fw) {
  note("reset (SIGUSR1): restarting the module");
  fw->restarted = false;
  cmd(fw, "AT+CFUN=1,1", SLOW_TIMEOUT);
  double deadline = now() + READY_TIMEOUT;
  while (!fw->restarted && next_event(fw, deadline, true, false) == EV_LINE) {
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
  size_t n = (size_t)(colon - dev);
  if (n >= sizeof host) return cannot_open(dev, "host name too long");
  memcpy(host, dev, n);
  host[n] = '\0';
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

static void on_signal(int sig) {
  if (sig == SIGUSR1)
    g_reset = 1;
  else
    g_stop = sig;
}

static void install_signals(void) {
  struct sigaction sa = {.sa_handler = on_signal}; /* no SA_RESTART: poll() returns at once */
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
  sigaction(SIGUSR1, &sa, NULL);
  signal(SIGPIPE, SIG_IGN); /* a closed TCP port: EPIPE from write(), not death */
}

static int usage(FILE* out, int code) {
  fputs(
      "usage: reconnect_firmware [--naive] [--interval SECONDS] [--bytes N] [--quiet] DEVICE\n"
      "  DEVICE              a serial device or pty (e.g. out/modems/trackers-0),\n"
      "                      or HOST:PORT of a TCP modem port\n"
      "  --naive             answer every registration reject with AT+CFUN=0, AT+CFUN=1\n"
      "  --interval SECONDS  time between readings (default 60)\n"
      "  --bytes N           size of a reading, 1-1460 (default 64)\n"
      "  --quiet             log the firmware's decisions only, not the AT traffic\n"
      "SIGUSR1 resets the module (AT+CFUN=1,1); SIGINT or SIGTERM stops.\n"
      "Exit codes: 0 stopped, 1 usage, 2 line lost or not opened.\n",
      out);
  return code;
}

static bool parse_int(const char* s, int min, int max, int* out) {
  char* end;
  long v = s != NULL ? strtol(s, &end, 10) : 0;
  if (s == NULL || end == s || *end != '\0' || v < min || v > max) return false;
  *out = (int)v;
  return true;
}

int main(int argc, char** argv) {
  static struct fw fw = {.interval = 60, .bytes = 64};
  const char* dev = NULL;
  for (int i = 1; i < argc; i++) {
    const char* a = argv[i];
    bool ok = true;
    if (strcmp(a, "--help") == 0) return usage(stdout, 0);
    if (strcmp(a, "--naive") == 0)
      fw.naive = true;
    else if (strcmp(a, "--quiet") == 0)
      fw.quiet = true;
    else if (strcmp(a, "--interval") == 0)
      ok = parse_int(argv[++i], 1, 86400, &fw.interval);
    else if (strcmp(a, "--bytes") == 0)
      ok = parse_int(argv[++i], 1, MAX_SEND, &fw.bytes);
    else if (a[0] != '-' && dev == NULL)
      dev = a;
    else
      ok = false;
    if (!ok) return usage(stderr, 1);
  }
  if (dev == NULL) return usage(stderr, 1);

  clock_gettime(CLOCK_MONOTONIC, &g_start);
  setvbuf(stdout, NULL, _IOLBF, 0); /* the log is read while it is written */
  struct stat st;
  const char* colon = strrchr(dev, ':');
  fw.fd = stat(dev, &st) != 0 && colon != NULL ? open_tcp(dev, colon) : open_serial(dev);
  if (fw.fd < 0) return 2;
  install_signals();
  note("%s mode on %s: a reading of %d bytes every %d s", fw.naive ? "naive" : "respectful", dev,
       fw.bytes, fw.interval);
  enum outcome o;
  while ((o = run_session(&fw)) != STOP) {
    if (o == RESTARTED) note("the module restarted by itself: starting up again");
    if (o == RESET) {
      g_reset = 0;
      reset_module(&fw);
    }
  }
  note("stopping on %s", g_stop == SIGINT ? "SIGINT" : "SIGTERM");
  g_stop = 0; /* for AT+QICLOSE */
  if (fw.sock != SOCK_CLOSED) close_socket(&fw);
  close(fw.fd);
  note("stopped");
  return 0;
}
