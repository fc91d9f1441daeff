/**
 * Docker Hub "library" images learners use in examples: tags, compressed
 * sizes, default command, what they print on start and what they do on
 * SIGTERM (nginx and httpd images set STOPSIGNAL to a graceful one).
 * Sizes are the linux/amd64 compressed sizes, rounded as of late 2025.
 */
import type { ImageSpec } from './types.js';

const DEBIAN_PATH: [string, string] = ['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'];
const COREUTILS = ['cat', 'ls', 'echo', 'env', 'printenv', 'date', 'hostname', 'sleep', 'touch', 'rm', 'mkdir', 'true', 'false', 'id', 'pwd', 'uname', 'whoami', 'head', 'tail', 'wc', 'grep', 'sed', 'dd', 'du'];
const BUSYBOX = [...COREUTILS, 'ps', 'wget', 'nslookup', 'ping', 'nc', 'top', 'vi', 'grep', 'sed', 'awk', 'df', 'free', 'ip', 'ifconfig', 'traceroute'];

const nginxLines = [
  '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
  '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
  '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
  '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
  '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
  '/docker-entrypoint.sh: Configuration complete; ready for start up',
];

const busybox: ImageSpec = {
  repository: 'docker.io/library/busybox',
  tags: { latest: { size: 2155437, version: '1.37.0' }, '1.37': { size: 2155437, version: '1.37.0' }, '1.36': { size: 2152262, version: '1.36.1' }, '1.36.1': { size: 2152262, version: '1.36.1' }, '1.35': { size: 2147321, version: '1.35.0' }, '1.34': { size: 772788, version: '1.34.1' }, '1.28': { size: 727869, version: '1.28.4' }, stable: { size: 2155437, version: '1.36.1' }, musl: { size: 857431, version: '1.37.0' }, glibc: { size: 2155437, version: '1.37.0' } },
  cmd: ['sh'],
  env: [['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin']],
  shell: 'ash',
  binaries: BUSYBOX,
  programs: {},
};

export const libraryImages: ImageSpec[] = [
  busybox,
  // The copy the Kubernetes docs' probe examples pull.
  { ...busybox, repository: 'registry.k8s.io/busybox', tags: { latest: { size: 1144547, version: '1.27.2' }, '1.27.2': { size: 1144547, version: '1.27.2' }, '1.24': { size: 675992, version: '1.24.0' } } },
  {
    repository: 'docker.io/library/nginx',
    tags: {
      latest: { size: 72099410, version: '1.27.3' },
      mainline: { size: 72099410, version: '1.27.3' },
      '1.27': { size: 72099410, version: '1.27.3' },
      '1.27.3': { size: 72099410, version: '1.27.3' },
      '1.27-alpine': { size: 20489172, version: '1.27.3' },
      alpine: { size: 20489172, version: '1.27.3' },
      stable: { size: 71026315, version: '1.26.2' },
      '1.26': { size: 71026315, version: '1.26.2' },
      '1.25': { size: 70544646, version: '1.25.5' },
      '1.25.3': { size: 70541240, version: '1.25.3' },
      '1.24': { size: 57010832, version: '1.24.0' },
      '1.23': { size: 56986914, version: '1.23.4' },
      '1.21': { size: 54118574, version: '1.21.6' },
      '1.19': { size: 53596928, version: '1.19.10' },
      '1.16.1': { size: 51035611, version: '1.16.1' },
      '1.14.2': { size: 44710204, version: '1.14.2' },
    },
    entrypoint: ['/docker-entrypoint.sh'],
    cmd: ['nginx', '-g', 'daemon off;'],
    env: [DEBIAN_PATH, ['NGINX_VERSION', '{{version}}'], ['NJS_VERSION', '0.8.7'], ['PKG_RELEASE', '1~bookworm']],
    shell: 'dash',
    binaries: [...COREUTILS, 'nginx', 'curl', 'bash'],
    files: {
      '/usr/share/nginx/html/index.html':
        '<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n</head>\n<body>\n<h1>Welcome to nginx!</h1>\n<p>If you see this page, the nginx web server is successfully installed and\nworking. Further configuration is required.</p>\n</body>\n</html>\n',
      '/etc/nginx/conf.d/default.conf': 'server {\n    listen       80;\n    listen  [::]:80;\n    server_name  localhost;\n\n    location / {\n        root   /usr/share/nginx/html;\n        index  index.html index.htm;\n    }\n}\n',
    },
    programs: {
      'docker-entrypoint.sh': { wrapper: { when: ['nginx', 'nginx-debug'] }, lines: nginxLines },
      nginx: {
        lines: [
          '{{time:nginx}} [notice] 1#1: using the "epoll" event method',
          '{{time:nginx}} [notice] 1#1: nginx/{{version}}',
          '{{time:nginx}} [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14) ',
          '{{time:nginx}} [notice] 1#1: OS: Linux {{kernel}}',
          '{{time:nginx}} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576',
          '{{time:nginx}} [notice] 1#1: start worker processes',
          '{{time:nginx}} [notice] 1#1: start worker process 29',
          '{{time:nginx}} [notice] 1#1: start worker process 30',
        ],
        ports: [80],
        readyAfterMs: 60,
        memoryMi: 7,
        cpuMilli: 0,
        http: { '/': 200, '/index.html': 200 },
        defaultHttpStatus: 404,
        sigterm: {
          afterMs: 120,
          code: 0,
          lines: [
            '{{time:nginx}} [notice] 1#1: signal 3 (SIGQUIT) received, shutting down',
            '{{time:nginx}} [notice] 29#29: gracefully shutting down',
            '{{time:nginx}} [notice] 29#29: exiting',
            '{{time:nginx}} [notice] 29#29: exit',
            '{{time:nginx}} [notice] 1#1: signal 17 (SIGCHLD) received from 29',
            '{{time:nginx}} [notice] 1#1: worker process 29 exited with code 0',
            '{{time:nginx}} [notice] 1#1: exit',
          ],
        },
      },
    },
  },
  {
    repository: 'docker.io/library/httpd',
    tags: { latest: { size: 58427011, version: '2.4.62' }, '2.4': { size: 58427011, version: '2.4.62' }, alpine: { size: 21773452, version: '2.4.62' }, '2.4-alpine': { size: 21773452, version: '2.4.62' } },
    cmd: ['httpd-foreground'],
    workingDir: '/usr/local/apache2',
    env: [['PATH', '/usr/local/apache2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], ['HTTPD_PREFIX', '/usr/local/apache2'], ['HTTPD_VERSION', '{{version}}']],
    shell: 'dash',
    binaries: [...COREUTILS, 'httpd', 'httpd-foreground', 'apachectl', 'bash'],
    files: { '/usr/local/apache2/htdocs/index.html': '<html><body><h1>It works!</h1></body></html>\n' },
    programs: {
      'httpd-foreground': {
        lines: [
          "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using {{podIP}}. Set the 'ServerName' directive globally to suppress this message",
          "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using {{podIP}}. Set the 'ServerName' directive globally to suppress this message",
          '[{{time:httpd}}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/{{version}} (Unix) configured -- resuming normal operations',
          "[{{time:httpd}}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'",
        ],
        ports: [80],
        readyAfterMs: 80,
        memoryMi: 9,
        http: { '/': 200, '/index.html': 200 },
        defaultHttpStatus: 404,
        sigterm: { afterMs: 150, code: 0, lines: ['[{{time:httpd}}] [mpm_event:notice] [pid 1:tid 1] AH00492: caught SIGWINCH, shutting down gracefully'] },
      },
    },
  },
  {
    repository: 'docker.io/library/alpine',
    tags: { latest: { size: 3653068, version: '3.21.0' }, '3.21': { size: 3653068, version: '3.21.0' }, '3.20': { size: 3625449, version: '3.20.3' }, '3.19': { size: 3419706, version: '3.19.4' }, '3.18': { size: 3412323, version: '3.18.9' }, edge: { size: 3660000, version: '3.22.0' } },
    cmd: ['/bin/sh'],
    env: [['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin']],
    shell: 'ash',
    binaries: [...BUSYBOX, 'apk'],
    files: { '/etc/alpine-release': '{{version}}\n' },
    programs: {},
  },
  {
    repository: 'docker.io/library/ubuntu',
    tags: { latest: { size: 29754290, version: '24.04' }, '24.04': { size: 29754290, version: '24.04' }, noble: { size: 29754290, version: '24.04' }, '22.04': { size: 29533950, version: '22.04' }, jammy: { size: 29533950, version: '22.04' } },
    cmd: ['/bin/bash'],
    env: [DEBIAN_PATH],
    shell: 'bash',
    binaries: [...COREUTILS, 'bash', 'apt', 'apt-get', 'grep', 'sed'],
    programs: {},
  },
  {
    repository: 'docker.io/library/redis',
    tags: { latest: { size: 45074433, version: '7.4.1' }, '7': { size: 45074433, version: '7.4.1' }, '7.4': { size: 45074433, version: '7.4.1' }, '7.2': { size: 43990137, version: '7.2.6' }, '6.2': { size: 40221583, version: '6.2.16' }, alpine: { size: 17188093, version: '7.4.1' }, '7-alpine': { size: 17188093, version: '7.4.1' } },
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['redis-server'],
    workingDir: '/data',
    env: [DEBIAN_PATH, ['REDIS_VERSION', '{{version}}']],
    shell: 'dash',
    binaries: [...COREUTILS, 'redis-server', 'redis-cli', 'bash'],
    programs: {
      'docker-entrypoint.sh': { wrapper: { when: [] } },
      'redis-server': {
        lines: [
          '1:C {{time:redis}} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo',
          '1:C {{time:redis}} * Redis version={{version}}, bits=64, commit=00000000, modified=0, pid=1, just started',
          '1:C {{time:redis}} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf',
          '1:M {{time:redis}} * monotonic clock: POSIX clock_gettime',
          '1:M {{time:redis}} * Running mode=standalone, port=6379.',
          '1:M {{time:redis}} * Server initialized',
          '1:M {{time:redis}} * Ready to accept connections tcp',
        ],
        ports: [6379],
        readyAfterMs: 40,
        memoryMi: 4,
        sigterm: {
          afterMs: 80,
          code: 0,
          lines: [
            '1:signal-handler ({{time:unix}}) Received SIGTERM scheduling shutdown...',
            '1:M {{time:redis}} * User requested shutdown...',
            '1:M {{time:redis}} * Saving the final RDB snapshot before exiting.',
            '1:M {{time:redis}} * DB saved on disk',
            '1:M {{time:redis}} # Redis is now ready to exit, bye bye...',
          ],
        },
      },
    },
  },
  {
    repository: 'docker.io/library/postgres',
    tags: { latest: { size: 154308752, version: '17.2' }, '17': { size: 154308752, version: '17.2' }, '16': { size: 153109233, version: '16.6' }, '15': { size: 152001002, version: '15.10' }, '16-alpine': { size: 104790125, version: '16.6' }, alpine: { size: 105214012, version: '17.2' } },
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['postgres'],
    env: [['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/lib/postgresql/17/bin'], ['PG_VERSION', '{{version}}'], ['PGDATA', '/var/lib/postgresql/data']],
    shell: 'bash',
    binaries: [...COREUTILS, 'postgres', 'psql', 'pg_isready', 'bash'],
    programs: {
      'docker-entrypoint.sh': { wrapper: { when: [] } },
      postgres: {
        requiresEnv: {
          anyOf: ['POSTGRES_PASSWORD', 'POSTGRES_HOST_AUTH_METHOD'],
          code: 1,
          lines: [
            'Error: Database is uninitialized and superuser password is not specified.',
            '       You must specify POSTGRES_PASSWORD to a non-empty value for the',
            '       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".',
            '',
            '       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all',
            '       connections without a password. This is *not* recommended.',
            '',
            '       See PostgreSQL documentation about "trust":',
            '       https://www.postgresql.org/docs/current/auth-trust.html',
          ],
        },
        lines: [
          'The files belonging to this database system will be owned by user "postgres".',
          'This user must also own the server process.',
          '',
          'Success. You can now start the database server using:',
          '@+1800 PostgreSQL init process complete; ready for start up.',
          '',
          '{{time:pg}} UTC [1] LOG:  starting PostgreSQL {{version}} (Debian {{version}}-1.pgdg120+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit',
          '{{time:pg}} UTC [1] LOG:  listening on IPv4 address "0.0.0.0", port 5432',
          '{{time:pg}} UTC [1] LOG:  listening on IPv6 address "::", port 5432',
          '{{time:pg}} UTC [1] LOG:  listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"',
          '{{time:pg}} UTC [1] LOG:  database system is ready to accept connections',
        ],
        ports: [5432],
        readyAfterMs: 2200,
        memoryMi: 38,
        sigterm: { afterMs: 300, code: 0, lines: ['{{time:pg}} UTC [1] LOG:  received fast shutdown request', '{{time:pg}} UTC [1] LOG:  database system is shut down'] },
      },
    },
  },
  {
    repository: 'docker.io/library/mysql',
    tags: { latest: { size: 170510811, version: '9.1.0' }, '9': { size: 170510811, version: '9.1.0' }, '8.4': { size: 168812032, version: '8.4.3' }, lts: { size: 168812032, version: '8.4.3' }, '8.0': { size: 164811022, version: '8.0.40' }, '8': { size: 168812032, version: '8.4.3' }, '5.7': { size: 137883320, version: '5.7.44' } },
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['mysqld'],
    env: [DEBIAN_PATH, ['MYSQL_MAJOR', 'innovation'], ['MYSQL_VERSION', '{{version}}-1.el9']],
    shell: 'bash',
    binaries: [...COREUTILS, 'mysqld', 'mysql', 'mysqladmin', 'bash'],
    programs: {
      'docker-entrypoint.sh': { wrapper: { when: [] } },
      mysqld: {
        requiresEnv: {
          anyOf: ['MYSQL_ROOT_PASSWORD', 'MYSQL_ALLOW_EMPTY_PASSWORD', 'MYSQL_RANDOM_ROOT_PASSWORD'],
          code: 1,
          lines: [
            "{{time:mysql}} [Note] [Entrypoint]: Entrypoint script for MySQL Server {{version}}-1.el9 started.",
            "{{time:mysql}} [Note] [Entrypoint]: Switching to dedicated user 'mysql'",
            '{{time:mysql}} [Note] [Entrypoint]: Entrypoint script for MySQL Server {{version}}-1.el9 started.',
            '{{time:mysql}} [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified',
            '    You need to specify one of the following as an environment variable:',
            '    - MYSQL_ROOT_PASSWORD',
            '    - MYSQL_ALLOW_EMPTY_PASSWORD',
            '    - MYSQL_RANDOM_ROOT_PASSWORD',
          ],
        },
        lines: [
          '{{time:mysql}} [Note] [Entrypoint]: Entrypoint script for MySQL Server {{version}}-1.el9 started.',
          "{{time:mysql}} [Note] [Entrypoint]: Switching to dedicated user 'mysql'",
          '{{time:mysql}} [Note] [Entrypoint]: Initializing database files',
          '@+6000 {{time:mysql}} [Note] [Entrypoint]: Database files initialized',
          '{{time:mysql}} [Note] [Entrypoint]: MySQL init process done. Ready for start up.',
          "{{time:iso}} 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '{{version}}'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.",
        ],
        ports: [3306],
        readyAfterMs: 9000,
        memoryMi: 360,
        sigterm: { afterMs: 1500, code: 0, lines: ["{{time:iso}} 0 [System] [MY-013172] [Server] Received SHUTDOWN from user <via user signal>. Shutting down mysqld (Version: {{version}}).", '{{time:iso}} 0 [System] [MY-010910] [Server] /usr/sbin/mysqld: Shutdown complete (mysqld {{version}})  MySQL Community Server - GPL.'] },
      },
    },
  },
];
