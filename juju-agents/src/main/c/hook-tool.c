/*
 * The hook tool client. Installed once as juju-hook-tool and, through symlinks, under each tool's
 * name (relation-get, relation-set, ...). It forwards the tool's name (argv[0]'s basename), its
 * arguments and the working directory to the unit agent over the Unix socket named by
 * JUJU_AGENT_SOCKET, for the hook identified by JUJU_CLIENT_ID; then it prints the agent's reply
 * on stdout and stderr and exits with the reply's code. Run as juju-hook-tool itself, it takes the
 * tool's name from its first argument.
 *
 * Protocol (see ToolServer): 32-bit big-endian integers; a field is a length and that many bytes.
 *   request: "JJT1", N = 3 + argc, then N fields: client id, tool, cwd, arguments...
 *   reply:   "JJR1", exit code, stdout field, stderr field.
 *
 * Exit codes of the client's own failures: 2 (not in a hook, agent unreachable, broken reply).
 * Depends on libc only.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define CLIENT_NAME "juju-hook-tool"
#define EXIT_CLIENT 2
/* Replies are tool output: far below this unless something is wrong. */
#define MAX_REPLY_FIELD (256u << 20)

static const char *tool = CLIENT_NAME;

static void die(const char *format, ...)
{
    va_list args;
    fprintf(stderr, "%s: ", tool);
    va_start(args, format);
    vfprintf(stderr, format, args);
    va_end(args);
    fputc('\n', stderr);
    exit(EXIT_CLIENT);
}

struct buffer {
    unsigned char *data;
    size_t length;
    size_t capacity;
};

static void append(struct buffer *b, const void *bytes, size_t n)
{
    if (b->length + n > b->capacity) {
        size_t capacity = b->capacity ? b->capacity : 4096;
        while (capacity < b->length + n) {
            capacity *= 2;
        }
        unsigned char *grown = realloc(b->data, capacity);
        if (grown == NULL) {
            die("out of memory");
        }
        b->data = grown;
        b->capacity = capacity;
    }
    memcpy(b->data + b->length, bytes, n);
    b->length += n;
}

static void append_u32(struct buffer *b, uint32_t value)
{
    unsigned char bytes[4] = {value >> 24, value >> 16, value >> 8, value};
    append(b, bytes, 4);
}

static void append_field(struct buffer *b, const char *text)
{
    size_t n = strlen(text);
    append_u32(b, (uint32_t) n);
    append(b, text, n);
}

static int write_all(int fd, const void *bytes, size_t n)
{
    const unsigned char *p = bytes;
    while (n > 0) {
        ssize_t written = write(fd, p, n);
        if (written < 0) {
            if (errno == EINTR) {
                continue;
            }
            return -1;
        }
        p += written;
        n -= (size_t) written;
    }
    return 0;
}

/* Reads the whole reply: the agent closes the connection after sending it. */
static void read_reply(int fd, struct buffer *reply)
{
    unsigned char chunk[65536];
    for (;;) {
        ssize_t got = read(fd, chunk, sizeof chunk);
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got < 0) {
            die("lost the connection to the unit agent: %s", strerror(errno));
        }
        if (got == 0) {
            return;
        }
        if (reply->length + (size_t) got > 2 * (size_t) MAX_REPLY_FIELD + 16) {
            die("malformed reply from the unit agent (too long)");
        }
        append(reply, chunk, (size_t) got);
    }
}

/* Takes a 32-bit big-endian integer at *offset, advancing it. */
static uint32_t take_u32(const struct buffer *reply, size_t *offset)
{
    if (reply->length - *offset < 4) {
        die("lost the connection to the unit agent (incomplete reply)");
    }
    const unsigned char *b = reply->data + *offset;
    *offset += 4;
    return ((uint32_t) b[0] << 24) | ((uint32_t) b[1] << 16) | ((uint32_t) b[2] << 8) | b[3];
}

/* Takes a length-prefixed field at *offset, advancing it; returns where its bytes start. */
static const unsigned char *take_field(const struct buffer *reply, size_t *offset, uint32_t *length)
{
    *length = take_u32(reply, offset);
    if (*length > MAX_REPLY_FIELD || reply->length - *offset < *length) {
        die("lost the connection to the unit agent (incomplete reply)");
    }
    const unsigned char *bytes = reply->data + *offset;
    *offset += *length;
    return bytes;
}

static char *working_directory(void)
{
    size_t size = PATH_MAX;
    for (;;) {
        char *cwd = malloc(size);
        if (cwd == NULL) {
            die("out of memory");
        }
        if (getcwd(cwd, size) != NULL) {
            return cwd;
        }
        free(cwd);
        if (errno != ERANGE) {
            return NULL; /* e.g. the directory was removed: the agent is told it is unknown */
        }
        size *= 2;
    }
}

static int connect_to(const char *path)
{
    struct sockaddr_un address;
    memset(&address, 0, sizeof address);
    address.sun_family = AF_UNIX;
    if (strlen(path) >= sizeof address.sun_path) {
        die("JUJU_AGENT_SOCKET is too long: %s", path);
    }
    strcpy(address.sun_path, path);
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0) {
        die("cannot create a socket: %s", strerror(errno));
    }
    int rc;
    do {
        rc = connect(fd, (struct sockaddr *) &address, sizeof address);
    } while (rc < 0 && errno == EINTR);
    if (rc < 0) {
        die("cannot reach the unit agent at %s: %s", path, strerror(errno));
    }
    return fd;
}

int main(int argc, char **argv)
{
    signal(SIGPIPE, SIG_IGN);
    const char *base = argc > 0 ? strrchr(argv[0], '/') : NULL;
    base = base ? base + 1 : (argc > 0 ? argv[0] : CLIENT_NAME);
    int first = 1;
    if (strcmp(base, CLIENT_NAME) == 0) {
        if (argc < 2) {
            fprintf(stderr, "usage: %s TOOL [ARG...], or run it as TOOL through a link\n", CLIENT_NAME);
            return EXIT_CLIENT;
        }
        base = argv[1];
        first = 2;
    }
    tool = base;

    const char *socket_path = getenv("JUJU_AGENT_SOCKET");
    const char *client_id = getenv("JUJU_CLIENT_ID");
    if (socket_path == NULL || *socket_path == '\0' || client_id == NULL || *client_id == '\0') {
        die("not running in a hook (JUJU_AGENT_SOCKET and JUJU_CLIENT_ID are not set)");
    }

    char *cwd = working_directory();
    struct buffer request = {NULL, 0, 0};
    append(&request, "JJT1", 4);
    append_u32(&request, (uint32_t) (3 + argc - first));
    append_field(&request, client_id);
    append_field(&request, tool);
    append_field(&request, cwd ? cwd : "");
    for (int i = first; i < argc; i++) {
        append_field(&request, argv[i]);
    }
    free(cwd);

    int fd = connect_to(socket_path);
    if (write_all(fd, request.data, request.length) < 0) {
        die("cannot send to the unit agent: %s", strerror(errno));
    }
    free(request.data);

    struct buffer reply = {NULL, 0, 0};
    read_reply(fd, &reply);
    close(fd);
    if (reply.length < 4 || memcmp(reply.data, "JJR1", 4) != 0) {
        die("%s", reply.length == 0 ? "the unit agent closed the connection without replying"
                                    : "malformed reply from the unit agent");
    }
    size_t offset = 4;
    int32_t code = (int32_t) take_u32(&reply, &offset);
    uint32_t out_length, err_length;
    const unsigned char *out = take_field(&reply, &offset, &out_length);
    const unsigned char *err = take_field(&reply, &offset, &err_length);

    int failed = write_all(STDOUT_FILENO, out, out_length) < 0;
    write_all(STDERR_FILENO, err, err_length);
    if (failed && code == 0) {
        die("cannot write the output: %s", strerror(errno));
    }
    return code < 0 || code > 255 ? 1 : code;
}
