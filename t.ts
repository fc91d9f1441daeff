import { createEnvironment } from './src/commands/environment.js';
import { transcript } from './test/helpers.js';
const env = createEnvironment({ seed: 1 });
console.log(transcript(`kubectl get nodes
az group create -n rg2 -l westeurope -o table
az network vnet create -g rg2 -n vnet1 --address-prefixes 10.240.0.0/16 --subnet-name nodes --subnet-prefixes 10.240.0.0/24 -o none
az aks create -g rg2 -n small --network-plugin azure --vnet-subnet-id /subscriptions/x/resourceGroups/rg2/providers/Microsoft.Network/virtualNetworks/vnet1/subnets/nodes --node-count 7 -o table
az aks get-credentials -g rg2 -n small
kubectl get nodes
az aks nodepool scale -g rg2 --cluster-name small -n nodepool1 -c 8 -o table
az network vnet list-usage -g rg2 -n vnet1 -o table
az aks create -g rg2 -n kn --network-plugin kubenet -c 2 -o none
az resource list -g MC_rg2_kn_westeurope -o table
az aks stop -g rg2 -n kn
az aks show -g rg2 -n kn --query powerState
az aks get-credentials -g rg2 -n kn
kubectl get nodes
az aks nodepool add -g rg2 --cluster-name kn -n np2
az aks upgrade -g rg2 -n kn -k 1.36.1 --yes -o none
az aks start -g rg2 -n kn
kubectl get nodes
`, env).text);
