/**
 * Application and test images from the AKS and Kubernetes docs: the AKS
 * hello-world and store demo, agnhost (the e2e test image the docs use for
 * probes), echo servers, stress images for resource limits, and a crasher.
 */
import type { ImageSpec } from './types.js';

const PATH: [string, string] = ['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'];
const BASIC = ['cat', 'ls', 'echo', 'env', 'printenv', 'date', 'hostname', 'sleep', 'touch', 'rm', 'true', 'false', 'id', 'pwd', 'uname', 'ps'];
const tags = (version: string, size: number, ...names: string[]) => Object.fromEntries(names.map((n) => [n, { size, version }]));

export const appImages: ImageSpec[] = [
  {
    repository: 'mcr.microsoft.com/azuredocs/aks-helloworld',
    tags: tags('v1', 119046772, 'v1'),
    entrypoint: ['/entrypoint.sh'],
    cmd: ['/start.sh'],
    env: [PATH, ['TITLE', 'Welcome to Azure Kubernetes Service (AKS)']],
    shell: 'bash',
    binaries: [...BASIC, 'bash', 'python', 'nginx', 'uwsgi'],
    programs: {
      'entrypoint.sh': {
        lines: [
          'Checking for script in /app/prestart.sh',
          'Running script /app/prestart.sh',
          'Running inside /app/prestart.sh, you could add migrations to this file, e.g.:',
          '',
          '#! /usr/bin/env bash',
          '',
          '# Let the DB start',
          'sleep 10;',
          '# Run migrations',
          'alembic upgrade head',
          '',
          '{{time:space}},000 CRIT Supervisor is running as root.  Privileges were not dropped because no user is specified in the config file.',
          '{{time:space}},001 INFO supervisord started with pid 1',
          '@+1000 {{time:space}},005 INFO spawned: \'nginx\' with pid 9',
          "{{time:space}},006 INFO spawned: 'uwsgi' with pid 10",
          "@+1000 {{time:space}},007 INFO success: nginx entered RUNNING state, process has stayed up for > than 1 seconds (startsecs)",
          "{{time:space}},008 INFO success: uwsgi entered RUNNING state, process has stayed up for > than 1 seconds (startsecs)",
        ],
        ports: [80],
        readyAfterMs: 2100,
        memoryMi: 42,
        cpuMilli: 1,
        sigterm: { afterMs: 500, code: 0, lines: ['{{time:space}},900 WARN received SIGTERM indicating exit request'] },
      },
    },
  },
  {
    repository: 'ghcr.io/azure-samples/aks-store-demo/store-front',
    tags: tags('2.1.0', 25514012, 'latest', '2.1.0'),
    cmd: ['nginx', '-g', 'daemon off;'],
    env: [PATH],
    shell: 'ash',
    binaries: [...BASIC, 'nginx', 'wget'],
    programs: { nginx: { lines: ['/docker-entrypoint.sh: Configuration complete; ready for start up'], ports: [8080], readyAfterMs: 80, memoryMi: 6, sigterm: { afterMs: 100, code: 0 } } },
  },
  {
    repository: 'ghcr.io/azure-samples/aks-store-demo/order-service',
    tags: tags('2.1.0', 60315220, 'latest', '2.1.0'),
    cmd: ['npm', 'start'],
    env: [PATH, ['NODE_VERSION', '22.11.0']],
    shell: 'ash',
    binaries: [...BASIC, 'node', 'npm', 'wget'],
    programs: {
      npm: {
        lines: ['', '> order-service@1.0.0 start', '> fastify start -a 0.0.0.0 -l info app.js', '', '@+900 {"level":30,"time":{{time:unixms}},"pid":18,"hostname":"{{hostname}}","msg":"Server listening at http://0.0.0.0:3000"}'],
        ports: [3000],
        readyAfterMs: 1000,
        memoryMi: 48,
        sigterm: { afterMs: 200, code: 143 },
      },
    },
  },
  {
    repository: 'ghcr.io/azure-samples/aks-store-demo/product-service',
    tags: tags('2.1.0', 4907321, 'latest', '2.1.0'),
    cmd: ['./product-service'],
    env: [PATH],
    programs: { 'product-service': { lines: ['Listening on http://0.0.0.0:3002'], ports: [3002], readyAfterMs: 30, memoryMi: 2, sigterm: { afterMs: 10, code: 0 } } },
  },
  {
    repository: 'mcr.microsoft.com/mirror/docker/library/rabbitmq',
    tags: tags('3.10', 82141014, '3.10-management-alpine'),
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['rabbitmq-server'],
    env: [PATH],
    shell: 'ash',
    binaries: [...BASIC, 'rabbitmqctl', 'rabbitmq-server'],
    programs: {
      'docker-entrypoint.sh': { wrapper: { when: [] } },
      'rabbitmq-server': { lines: ['{{time:space}}.000000+00:00 [info] <0.230.0> Starting RabbitMQ 3.10.25 on Erlang 25.3.2.15', '@+7000 {{time:space}}.000000+00:00 [info] <0.603.0> Server startup complete; 4 plugins started.'], ports: [5672, 15672], readyAfterMs: 7500, memoryMi: 120, sigterm: { afterMs: 1500, code: 0 } },
    },
  },
  {
    repository: 'registry.k8s.io/e2e-test-images/agnhost',
    tags: tags('2.52', 51052731, '2.53', '2.52', '2.47', '2.45', '2.43', '2.40', '2.39'),
    entrypoint: ['/agnhost'],
    env: [PATH],
    shell: 'ash',
    binaries: [...BASIC, 'agnhost', 'wget', 'nslookup', 'curl', 'dig'],
    programs: {
      agnhost: { lines: ['Usage:', '  app [command]', '', 'Available Commands:', '  netexec     Creates HTTP(S), UDP, and (optionally) SCTP servers with various endpoints', '  pause       Pauses the execution', '  serve-hostname Serves the hostname'], exit: { afterMs: 10, code: 0 } },
      'agnhost netexec': { lines: ['{{time:klog}} Started HTTP server on port 8080', '{{time:klog}} Started UDP server on port  8081'], ports: [8080, 8081], readyAfterMs: 20, memoryMi: 4, http: { '/': 200, '/hostname': 200, '/healthz': 200, '/readyz': 200 }, defaultHttpStatus: 404, sigterm: { afterMs: 10, code: 2 } },
      'agnhost serve-hostname': { lines: ['{{time:klog}} Serving on port 9376.'], ports: [9376], readyAfterMs: 20, memoryMi: 3, sigterm: { afterMs: 10, code: 2 } },
      'agnhost pause': { lines: ['Paused'], memoryMi: 1, sigterm: { afterMs: 5, code: 0, lines: ['Shutting down after receiving signal: terminated.', 'Exiting'] } },
      'agnhost liveness': { lines: [], ports: [8080], readyAfterMs: 10, memoryMi: 3, http: { '/healthz': 200, '/started': 200 }, httpFailsAfter: { afterMs: 10_000, status: 500 }, sigterm: { afterMs: 5, code: 2 } },
      'agnhost test-webserver': { lines: [], ports: [80], readyAfterMs: 10, memoryMi: 3, sigterm: { afterMs: 5, code: 2 } },
    },
  },
  {
    repository: 'docker.io/hashicorp/http-echo',
    tags: tags('1.0.0', 3538214, 'latest', '1.0', '1.0.0', '0.2.3'),
    entrypoint: ['/http-echo'],
    programs: { 'http-echo': { lines: ['{{time:goLog}} [INFO] server is listening on :5678'], ports: [5678], readyAfterMs: 10, memoryMi: 2, sigterm: { afterMs: 10, code: 0, lines: ['{{time:goLog}} [INFO] server is shutting down'] } } },
  },
  {
    repository: 'registry.k8s.io/echoserver',
    tags: tags('1.10', 46157104, '1.10', '1.4'),
    entrypoint: ['/usr/local/bin/run.sh'],
    env: [PATH],
    shell: 'bash',
    binaries: [...BASIC, 'bash', 'nginx'],
    programs: { 'run.sh': { lines: ['Generating self-signed cert', 'Generating a 2048 bit RSA private key', "writing new private key to '/certs/privateKey.key'", 'Starting nginx'], ports: [8080, 8443], readyAfterMs: 300, memoryMi: 5, sigterm: { afterMs: 100, code: 0 } } },
  },
  {
    repository: 'docker.io/ealen/echo-server',
    tags: tags('0.9.2', 49501231, 'latest', '0.9.2'),
    entrypoint: ['node', 'webserver'],
    env: [PATH, ['PORT', '80']],
    shell: 'ash',
    binaries: [...BASIC, 'node'],
    programs: { node: { lines: ['Listening on port 80.'], ports: [80], readyAfterMs: 400, memoryMi: 30, sigterm: { afterMs: 50, code: 143 } } },
  },
  {
    repository: 'registry.k8s.io/hpa-example',
    tags: tags('latest', 141235820, 'latest'),
    cmd: ['apache2-foreground'],
    env: [PATH],
    shell: 'dash',
    binaries: [...BASIC, 'apache2-foreground', 'php'],
    programs: {
      'apache2-foreground': {
        lines: [
          "AH00558: apache2: Could not reliably determine the server's fully qualified domain name, using {{podIP}}. Set the 'ServerName' directive globally to suppress this message",
          "[{{time:httpd}}] [mpm_prefork:notice] [pid 1] AH00163: Apache/2.4.10 (Debian) PHP/5.6.14 configured -- resuming normal operations",
          "[{{time:httpd}}] [core:notice] [pid 1] AH00094: Command line: 'apache2 -D FOREGROUND'",
        ],
        ports: [80],
        readyAfterMs: 150,
        memoryMi: 11,
        cpuMilli: 1,
        sigterm: { afterMs: 100, code: 0 },
      },
    },
  },
  {
    repository: 'docker.io/vish/stress',
    tags: tags('latest', 1281306, 'latest'),
    entrypoint: ['/stress', '-logtostderr'],
    programs: { stress: { lines: ['{{time:klog}} Allocated "0" memory', '{{time:klog}} Spawning a thread to consume CPU'], memoryMi: 1, cpuBurn: true, sigterm: { afterMs: 5, code: 2 } } },
  },
  {
    repository: 'docker.io/polinux/stress',
    tags: tags('1.0.4', 4041495, 'latest'),
    cmd: ['stress', '--help'],
    env: [PATH],
    shell: 'ash',
    binaries: [...BASIC, 'stress'],
    programs: { stress: { lines: ['stress: info: [1] dispatching hogs: 0 cpu, 0 io, 1 vm, 0 hdd'], memoryMi: 1, sigterm: { afterMs: 5, code: 143 } } },
  },
  {
    // kubedojo's stand-in for a Service Bus / Storage queue worker: takes MESSAGES_PER_SECOND (default 10)
    // messages a second from QUEUE_NAME while Running and Ready (src/cluster/autoscaling/queue-consumers.ts).
    repository: 'docker.io/kubedojo/queue-consumer',
    tags: tags('1.0', 9120344, 'latest', '1.0'),
    cmd: ['/queue-consumer'],
    env: [PATH, ['MESSAGES_PER_SECOND', '10']],
    programs: {
      'queue-consumer': {
        lines: ['{{time:iso}} INFO connecting to the queue', '@+500 {{time:iso}} INFO receiving messages'],
        readyAfterMs: 500,
        memoryMi: 24,
        cpuMilli: 2,
        requiresEnv: { anyOf: ['QUEUE_NAME'], lines: ['{{time:iso}} FATAL QUEUE_NAME is not set: no queue to receive from'], code: 1 },
        sigterm: { afterMs: 200, code: 0, lines: ['{{time:iso}} INFO draining: finishing the message in hand'] },
      },
    },
  },
  {
    repository: 'docker.io/kubedojo/crashloop',
    tags: tags('1.0', 1871133, 'latest', '1.0'),
    cmd: ['/crashloop'],
    programs: {
      crashloop: {
        lines: ['starting crashloop demo (exits with code 1 after 2s)', '@+2000 panic: could not connect to database at db:5432: connection refused', '', 'goroutine 1 [running]:', 'main.main()', '\t/src/main.go:27 +0x1d9'],
        exit: { afterMs: 2000, code: 1 },
        memoryMi: 2,
      },
    },
  },
];
