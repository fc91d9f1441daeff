/** Manifests the KEDA tests share. */
export const consumerDeployment = (queue: string, replicas: number, name = 'consumer') => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers:
      - name: worker
        image: docker.io/kubedojo/queue-consumer:1.0
        env: [{name: QUEUE_NAME, value: ${queue}}]
        resources: {requests: {cpu: 100m, memory: 64Mi}}
`;
