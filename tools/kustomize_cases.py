"""The kustomizations of the recorded corpus (fixtures/kustomize/): each case is a name, the directory built (relative
to the case's own directory) and its files. tools/record_kustomize.py writes them out and records what real
`kubectl kustomize` (kubectl 1.32, kustomize v5.5) prints for each."""

from __future__ import annotations

DEPLOY = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:1.25
        ports:
        - containerPort: 80
"""

SVC = """apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 80
"""

CM = """apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  LOG_LEVEL: info
  mode: "on"
"""

NS = """apiVersion: v1
kind: Namespace
metadata:
  name: team-a
"""

DEPLOY_REFS = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      serviceAccountName: api-sa
      imagePullSecrets:
      - name: regcred
      initContainers:
      - name: init
        image: busybox
        envFrom:
        - configMapRef:
            name: app-config
      containers:
      - name: api
        image: example.com/api:v1
        env:
        - name: PASSWORD
          valueFrom:
            secretKeyRef:
              name: app-secret
              key: password
        - name: MODE
          valueFrom:
            configMapKeyRef:
              name: app-config
              key: mode
        envFrom:
        - secretRef:
            name: app-secret
        volumeMounts:
        - name: cfg
          mountPath: /etc/cfg
      volumes:
      - name: cfg
        configMap:
          name: app-config
      - name: sec
        secret:
          secretName: app-secret
      - name: proj
        projected:
          sources:
          - configMap:
              name: app-config
          - secret:
              name: app-secret
      - name: data
        persistentVolumeClaim:
          claimName: data
"""

RBAC = """apiVersion: v1
kind: ServiceAccount
metadata:
  name: api-sa
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: reader
rules:
- apiGroups: [""]
  resources: ["configmaps"]
  verbs: ["get"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: reader-binding
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: reader
subjects:
- kind: ServiceAccount
  name: api-sa
- kind: ServiceAccount
  name: default
- kind: User
  name: jane
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: cluster-reader
rules:
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["list"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: cluster-reader-binding
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-reader
subjects:
- kind: ServiceAccount
  name: api-sa
  namespace: other
"""

STS = """apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 2
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
      - name: db
        image: postgres:16
  volumeClaimTemplates:
  - metadata:
      name: pgdata
    spec:
      accessModes: [ReadWriteOnce]
      resources:
        requests:
          storage: 1Gi
"""

CRONJOB = """apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
spec:
  schedule: "0 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: report
            image: busybox:1.36
            envFrom:
            - configMapRef:
                name: app-config
"""

MIXED = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: zeta
spec:
  selector: {matchLabels: {app: zeta}}
  template:
    metadata: {labels: {app: zeta}}
    spec:
      containers: [{name: z, image: zeta}]
---
apiVersion: v1
kind: Service
metadata:
  name: alpha
spec:
  ports: [{port: 1}]
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata:
  name: hook
webhooks: []
---
apiVersion: v1
kind: Namespace
metadata:
  name: ns1
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: pdb
spec:
  maxUnavailable: 1
---
apiVersion: v1
kind: Secret
metadata:
  name: s
stringData:
  k: v
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ing
spec:
  rules:
  - host: example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: alpha
            port:
              number: 1
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: b-cm
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: a-cm
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers: [{name: a, image: agent}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: cr
---
apiVersion: example.com/v1
kind: Widget
metadata:
  name: w1
spec:
  size: 3
"""

CRD = """apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names:
    kind: Widget
    plural: widgets
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        x-kubernetes-preserve-unknown-fields: true
"""


def k(text: str) -> dict[str, str]:
    return {"kustomization.yaml": text}


CASES: list[tuple[str, str, dict[str, str], str]] = []


def case(name: str, files: dict[str, str], target: str = ".", pending: str = "") -> None:
    """``pending``: why pykubectl does not reproduce this recording yet (it is kept under fixtures/kustomize/pending/,
    out of the replayed corpus)."""
    if target != "." and "kustomization.yaml" in files and target not in files:  # k(...) for the built directory
        files = dict(files)
        files[f"{target}/kustomization.yaml"] = files.pop("kustomization.yaml")
    CASES.append((name, target, files, pending))


# --- resources and plain output
case("resources-single-file", {**k("resources:\n- deploy.yaml\n"), "deploy.yaml": DEPLOY})
case("resources-two-files", {**k("resources:\n- deploy.yaml\n- svc.yaml\n"), "deploy.yaml": DEPLOY, "svc.yaml": SVC})
case("resources-multidoc", {**k("resources:\n- all.yaml\n"), "all.yaml": DEPLOY + "---\n" + SVC + "---\n" + CM})
case("resources-directory", {**k("resources:\n- base\n"), "base/kustomization.yaml": "resources:\n- d.yaml\n",
                             "base/d.yaml": DEPLOY})
case("resources-order-legacy", {**k("resources:\n- mixed.yaml\n"), "mixed.yaml": MIXED})
case("resources-empty-docs", {**k("resources:\n- a.yaml\n"), "a.yaml": "---\n" + CM + "---\n---\n" + SVC + "---\n"})
case("resources-list-kind", {**k("resources:\n- list.yaml\n"), "list.yaml": """apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: ConfigMap
  metadata:
    name: one
  data: {a: b}
- apiVersion: v1
  kind: Service
  metadata:
    name: two
  spec:
    ports: [{port: 8080}]
"""})
case("resources-scalar-styles", {**k("resources:\n- cm.yaml\n"), "cm.yaml": """apiVersion: v1
kind: ConfigMap
metadata:
  name: styles
data:
  yes: "yes"
  plain: hello world
  number: "42"
  empty: ""
  colon: "a: b"
  hash: "a #b"
  lead: " lead"
  multi: |
    line one
    line two
  folded: >
    folded text
    here
  y: y
  n: "n"
  on: on
  tilde: "~"
  star: "*x"
  dash: "- x"
  long: "aaaaaaaaaa bbbbbbbbbb cccccccccc dddddddddd eeeeeeeeee ffffffffff gggggggggg hhhhhhhhhh iiiiiiiiii jjjjjjjjjj"
  unicode: "héllo ✓"
"""})
case("resources-numbers-and-bools", {**k("resources:\n- d.yaml\n"), "d.yaml": """apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  terminationGracePeriodSeconds: 30
  hostNetwork: false
  containers:
  - name: c
    image: busybox
    resources:
      limits:
        cpu: 0.5
        memory: 128Mi
    ports:
    - containerPort: 8080
      protocol: TCP
    securityContext:
      runAsUser: 1000
      readOnlyRootFilesystem: yes
"""})
case("kustomization-yml-name", {"kustomization.yml": "resources:\n- cm.yaml\n", "cm.yaml": CM})
case("kustomization-capital-name", {"Kustomization": "resources:\n- cm.yaml\n", "cm.yaml": CM})
case("kustomization-with-header", {**k("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
                                       "resources:\n- cm.yaml\n"), "cm.yaml": CM})
case("build-subdirectory-target", {"app/kustomization.yaml": "resources:\n- cm.yaml\n", "app/cm.yaml": CM},
     target="app")
case("empty-kustomization", k("namespace: x\n"))
case("resources-crd-and-cr", {**k("resources:\n- crd.yaml\n- w.yaml\nnamespace: apps\n"), "crd.yaml": CRD,
                              "w.yaml": "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: 1\n"})

# --- namespace
case("namespace-basic", {**k("namespace: prod\nresources:\n- d.yaml\n- s.yaml\n"), "d.yaml": DEPLOY, "s.yaml": SVC})
case("namespace-overrides-existing", {**k("namespace: prod\nresources:\n- cm.yaml\n"),
                                      "cm.yaml": CM.replace("name: settings", "name: settings\n  namespace: dev")})
case("namespace-cluster-scoped-untouched", {**k("namespace: prod\nresources:\n- r.yaml\n"), "r.yaml": RBAC})
case("namespace-renames-namespace-object", {**k("namespace: prod\nresources:\n- ns.yaml\n- cm.yaml\n"), "ns.yaml": NS,
                                            "cm.yaml": CM})
case("namespace-rbac-subjects", {**k("namespace: prod\nresources:\n- rbac.yaml\n"), "rbac.yaml": RBAC})
case("namespace-overlay-over-base", {**k("namespace: overlay-ns\nresources:\n- base\n"),
                                     "base/kustomization.yaml": "namespace: base-ns\nresources:\n- cm.yaml\n",
                                     "base/cm.yaml": CM})

# --- name prefix / suffix
case("prefix-basic", {**k("namePrefix: dev-\nresources:\n- d.yaml\n- s.yaml\n"), "d.yaml": DEPLOY, "s.yaml": SVC})
case("suffix-basic", {**k("nameSuffix: -v2\nresources:\n- d.yaml\n- s.yaml\n"), "d.yaml": DEPLOY, "s.yaml": SVC})
case("prefix-suffix-refs", {**k("namePrefix: p-\nnameSuffix: -s\nresources:\n- d.yaml\n- r.yaml\n- cm.yaml\n"
                                "- sec.yaml\n- pvc.yaml\n"),
                            "d.yaml": DEPLOY_REFS, "r.yaml": RBAC,
                            "cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-config\ndata:\n  mode: a\n",
                            "sec.yaml": "apiVersion: v1\nkind: Secret\nmetadata:\n  name: app-secret\ntype: Opaque\n"
                                        "data:\n  password: cGFzcw==\n",
                            "pvc.yaml": "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n"
                                        "  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n"
                                        "      storage: 1Gi\n"})
case("prefix-chain-overlay", {**k("namePrefix: prod-\nresources:\n- base\n"),
                              "base/kustomization.yaml": "namePrefix: app-\nresources:\n- d.yaml\n- s.yaml\n",
                              "base/d.yaml": DEPLOY, "base/s.yaml": SVC})
case("prefix-ingress-and-sts-refs", {**k("namePrefix: x-\nresources:\n- all.yaml\n"), "all.yaml": MIXED + "---\n" + STS
                                     + "---\napiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n"
                                       "  clusterIP: None\n"})
case("prefix-cluster-role-ref", {**k("namePrefix: t-\nnameSuffix: -1\nresources:\n- r.yaml\n"), "r.yaml": RBAC})
case("prefix-hpa-ref", {**k("namePrefix: p-\nresources:\n- d.yaml\n- hpa.yaml\n"), "d.yaml": DEPLOY,
                        "hpa.yaml": """apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
  minReplicas: 1
  maxReplicas: 5
"""})

# --- labels and annotations
case("commonlabels-basic", {**k("commonLabels:\n  app: shop\n  tier: front\nresources:\n- d.yaml\n- s.yaml\n"),
                            "d.yaml": DEPLOY, "s.yaml": SVC})
case("commonlabels-statefulset-cronjob", {**k("commonLabels:\n  team: data\nresources:\n- s.yaml\n- c.yaml\n"),
                                          "s.yaml": STS, "c.yaml": CRONJOB})
case("commonlabels-numeric-value-quoted", {**k("commonLabels:\n  version: \"2\"\n  enabled: \"true\"\n"
                                               "resources:\n- cm.yaml\n"), "cm.yaml": CM})
case("labels-without-selectors", {**k("labels:\n- pairs:\n    env: prod\nresources:\n- d.yaml\n- s.yaml\n"),
                                  "d.yaml": DEPLOY, "s.yaml": SVC})
case("labels-include-selectors", {**k("labels:\n- pairs:\n    env: prod\n  includeSelectors: true\n"
                                      "resources:\n- d.yaml\n- s.yaml\n"), "d.yaml": DEPLOY, "s.yaml": SVC})
case("labels-include-templates", {**k("labels:\n- pairs:\n    env: prod\n  includeTemplates: true\n"
                                      "resources:\n- d.yaml\n- s.yaml\n- c.yaml\n"), "d.yaml": DEPLOY, "s.yaml": SVC,
                                  "c.yaml": CRONJOB})
case("labels-several-entries", {**k("labels:\n- pairs:\n    a: \"1\"\n- pairs:\n    b: two\n  includeSelectors: true\n"
                                    "resources:\n- d.yaml\n"), "d.yaml": DEPLOY})
case("commonannotations-basic", {**k("commonAnnotations:\n  owner: team-a\n  note: \"multi word: yes\"\n"
                                     "resources:\n- d.yaml\n- s.yaml\n- c.yaml\n"),
                                 "d.yaml": DEPLOY, "s.yaml": SVC, "c.yaml": CRONJOB})
case("labels-and-annotations-overlay", {**k("commonLabels:\n  env: prod\ncommonAnnotations:\n  a: b\n"
                                            "resources:\n- base\n"),
                                        "base/kustomization.yaml": "commonLabels:\n  app: web\nresources:\n- d.yaml\n",
                                        "base/d.yaml": DEPLOY})

# --- images and replicas
case("images-newtag", {**k("images:\n- name: nginx\n  newTag: \"1.27\"\nresources:\n- d.yaml\n"), "d.yaml": DEPLOY})
case("images-newname", {**k("images:\n- name: nginx\n  newName: registry.example.com/nginx\nresources:\n- d.yaml\n"),
                        "d.yaml": DEPLOY})
case("images-digest", {**k("images:\n- name: nginx\n  digest: sha256:24a0c4b4a4c0eb97a1aabb8e29f18e917d05abfe1b7a7c07857"
                           "230879ce7d3d3\nresources:\n- d.yaml\n"), "d.yaml": DEPLOY})
case("images-name-and-tag", {**k("images:\n- name: nginx\n  newName: my/nginx\n  newTag: v9\n- name: busybox\n"
                                 "  newTag: \"1.37\"\n- name: example.com/api\n  newName: example.com/api2\n"
                                 "resources:\n- d.yaml\n- c.yaml\n- a.yaml\n"),
                             "d.yaml": DEPLOY, "c.yaml": CRONJOB, "a.yaml": DEPLOY_REFS})
case("images-no-match", {**k("images:\n- name: redis\n  newTag: \"7\"\nresources:\n- d.yaml\n"), "d.yaml": DEPLOY})
case("replicas-basic", {**k("replicas:\n- name: web\n  count: 5\n- name: db\n  count: 3\nresources:\n- d.yaml\n"
                            "- s.yaml\n"), "d.yaml": DEPLOY, "s.yaml": STS})
case("replicas-after-prefix", {**k("namePrefix: p-\nreplicas:\n- name: web\n  count: 4\nresources:\n- d.yaml\n"),
                               "d.yaml": DEPLOY})

# --- generators
case("configmap-literals", {**k("configMapGenerator:\n- name: app-config\n  literals:\n  - mode=fast\n  - level=3\n"
                                "  - quoted=\"x y\"\n  - empty=\n")})
case("configmap-files", {**k("configMapGenerator:\n- name: files\n  files:\n  - app.properties\n  - renamed.txt=raw.txt\n"),
                         "app.properties": "a=1\nb=2\n", "raw.txt": "raw contents\n"})
case("configmap-envs", {**k("configMapGenerator:\n- name: env-cm\n  envs:\n  - app.env\n"),
                        "app.env": "# comment\nFOO=bar\nEMPTY=\nQUOTED=\"q v\"\n\nSPACED = x \n"})
case("configmap-options-and-disable-hash", {**k("configMapGenerator:\n- name: plain\n  literals: [a=b]\n  options:\n"
                                                "    disableNameSuffixHash: true\n    labels:\n      l: v\n"
                                                "    annotations:\n      an: v\n")})
case("generator-options-global", {**k("generatorOptions:\n  disableNameSuffixHash: true\n  labels:\n    gen: \"yes\"\n"
                                      "configMapGenerator:\n- name: one\n  literals: [a=b]\nsecretGenerator:\n"
                                      "- name: two\n  literals: [c=d]\n")})
case("secret-literals-and-type", {**k("secretGenerator:\n- name: creds\n  literals:\n  - user=admin\n  - pass=s3cr3t\n"
                                      "- name: tls\n  type: kubernetes.io/tls\n  files:\n  - tls.crt\n  - tls.key\n"),
                                  "tls.crt": "CERT\n", "tls.key": "KEY\n"})
case("generator-refs-propagate", {**k("configMapGenerator:\n- name: app-config\n  literals: [mode=a]\n"
                                      "secretGenerator:\n- name: app-secret\n  literals: [password=x]\n"
                                      "resources:\n- d.yaml\n"), "d.yaml": DEPLOY_REFS})
case("generator-refs-with-prefix-namespace", {**k("namePrefix: dev-\nnamespace: dev\nconfigMapGenerator:\n"
                                                  "- name: app-config\n  literals: [mode=a]\nresources:\n- d.yaml\n"
                                                  "- c.yaml\n"), "d.yaml": DEPLOY_REFS, "c.yaml": CRONJOB})
case("generator-merge-in-overlay", {**k("resources:\n- ../base\nconfigMapGenerator:\n- name: app-config\n"
                                        "  behavior: merge\n  literals: [extra=1, mode=b]\n"),
                                    "base/kustomization.yaml": "configMapGenerator:\n- name: app-config\n"
                                                               "  literals: [mode=a, keep=k]\n"}, target="overlay")
case("generator-replace-in-overlay", {**k("resources:\n- ../base\nconfigMapGenerator:\n- name: app-config\n"
                                          "  behavior: replace\n  literals: [only=1]\n"),
                                      "base/kustomization.yaml": "configMapGenerator:\n- name: app-config\n"
                                                                 "  literals: [mode=a]\n"}, target="overlay")
case("generator-binary-file", {**k("configMapGenerator:\n- name: bin\n  files:\n  - blob.bin\n"),
                               "blob.bin": "\udcff\udcfe\x00\x01binary"})
case("generator-multiline-literal", {**k("configMapGenerator:\n- name: ml\n  literals:\n  - |\n    script=line1\n"
                                         "    line2\n")})
case("secret-envs", {**k("secretGenerator:\n- name: env-secret\n  envs: [s.env]\n"), "s.env": "A=1\nB=two\n"})
case("generator-in-namespace", {**k("namespace: ns1\nconfigMapGenerator:\n- name: c\n  namespace: other\n"
                                    "  literals: [a=b]\n- name: d\n  literals: [a=b]\n")})

# --- patches
SMP = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  template:
    spec:
      containers:
      - name: web
        resources:
          limits:
            memory: 256Mi
      - name: sidecar
        image: envoy:1
"""
case("patches-smp-file", {**k("resources:\n- d.yaml\npatches:\n- path: p.yaml\n"), "d.yaml": DEPLOY, "p.yaml": SMP})
case("patches-smp-inline", {**k("resources:\n- d.yaml\npatches:\n- patch: |-\n    apiVersion: apps/v1\n    kind: Deployment\n"
                                "    metadata:\n      name: web\n    spec:\n      replicas: 7\n"), "d.yaml": DEPLOY})
case("patches-strategic-merge-legacy-field", {**k("resources:\n- d.yaml\npatchesStrategicMerge:\n- p.yaml\n"),
                                              "d.yaml": DEPLOY, "p.yaml": SMP})
case("patches-smp-delete-directive", {**k("resources:\n- d.yaml\npatches:\n- patch: |-\n    apiVersion: apps/v1\n"
                                          "    kind: Deployment\n    metadata:\n      name: web\n    spec:\n"
                                          "      template:\n        spec:\n          containers:\n"
                                          "          - name: web\n            ports:\n            - $patch: replace\n"
                                          "              containerPort: 8080\n"), "d.yaml": DEPLOY})
case("patches-json6902-inline", {**k("resources:\n- d.yaml\npatches:\n- target:\n    kind: Deployment\n    name: web\n"
                                     "  patch: |-\n    - op: replace\n      path: /spec/replicas\n      value: 9\n"
                                     "    - op: add\n      path: /metadata/annotations\n      value:\n        x: y\n"),
                                 "d.yaml": DEPLOY})
case("patches-json6902-file", {**k("resources:\n- d.yaml\npatches:\n- path: ops.yaml\n  target:\n    group: apps\n"
                                   "    version: v1\n    kind: Deployment\n    name: web\n"), "d.yaml": DEPLOY,
                               "ops.yaml": "- op: add\n  path: /spec/template/spec/containers/0/args\n"
                                           "  value: [\"--verbose\"]\n"})
case("patches-json6902-legacy-field", {**k("resources:\n- d.yaml\npatchesJson6902:\n- target:\n    group: apps\n"
                                           "    version: v1\n    kind: Deployment\n    name: web\n  path: ops.json\n"),
                                       "d.yaml": DEPLOY,
                                       "ops.json": '[{"op": "remove", "path": "/spec/replicas"}]\n'})
case("patches-target-label-selector", {**k("resources:\n- all.yaml\npatches:\n- target:\n    kind: Deployment\n"
                                           "    labelSelector: tier=backend\n  patch: |-\n    - op: add\n"
                                           "      path: /spec/paused\n      value: true\n"),
                                       "all.yaml": DEPLOY.replace("  name: web\n", "  name: a\n  labels:\n    tier: backend\n", 1)
                                       + "---\n" + DEPLOY.replace("  name: web\n", "  name: b\n  labels:\n    tier: front\n", 1)})
case("patches-target-annotation-selector", {**k("resources:\n- all.yaml\npatches:\n- target:\n"
                                                "    annotationSelector: patch-me=yes\n  patch: |-\n    - op: add\n"
                                                "      path: /metadata/labels\n      value: {patched: \"true\"}\n"),
                                            "all.yaml": CM.replace("  name: settings\n", "  name: settings\n  annotations:\n"
                                                                   "    patch-me: \"yes\"\n")
                                            + "---\n" + SVC})
case("patches-target-name-regex", {**k("resources:\n- all.yaml\npatches:\n- target:\n    kind: ConfigMap\n"
                                       "    name: cm-.*\n  patch: |-\n    - op: add\n      path: /data/x\n"
                                       "      value: \"1\"\n"),
                                   "all.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-a\ndata: {}\n---\n"
                                               "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-b\ndata: {}\n---\n"
                                               "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\ndata: {}\n"})
case("patches-smp-with-target-many", {**k("resources:\n- all.yaml\npatches:\n- target:\n    kind: Deployment\n"
                                          "  patch: |-\n    apiVersion: apps/v1\n    kind: Deployment\n    metadata:\n"
                                          "      name: ignored\n    spec:\n      revisionHistoryLimit: 2\n"),
                                      "all.yaml": DEPLOY + "---\n" + DEPLOY.replace("name: web\n", "name: other\n", 1)})
case("patches-target-namespace", {**k("resources:\n- all.yaml\npatches:\n- target:\n    kind: ConfigMap\n"
                                      "    namespace: a\n  patch: |-\n    - op: add\n      path: /data/hit\n"
                                      "      value: \"y\"\n"),
                                  "all.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: a\n"
                                              "data: {}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n"
                                              "  namespace: b\ndata: {}\n"})
case("patches-overlay-on-prefixed-base", {**k("resources:\n- ../base\nnamePrefix: prod-\npatches:\n- path: p.yaml\n"),
                                          "overlay/p.yaml": SMP,
                                          "base/kustomization.yaml": "namePrefix: app-\nresources:\n- d.yaml\n",
                                          "base/d.yaml": DEPLOY}, target="overlay")
case("patches-json6902-test-and-copy", {**k("resources:\n- cm.yaml\npatches:\n- target:\n    kind: ConfigMap\n"
                                            "  patch: |-\n    - op: test\n      path: /data/LOG_LEVEL\n      value: info\n"
                                            "    - op: copy\n      from: /data/LOG_LEVEL\n      path: /data/copy\n"
                                            "    - op: move\n      from: /data/mode\n      path: /data/moved\n"),
                                        "cm.yaml": CM})
case("patches-smp-list-merge-env", {**k("resources:\n- d.yaml\npatches:\n- path: p.yaml\n"), "d.yaml": DEPLOY_REFS,
                                    "p.yaml": """apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      containers:
      - name: api
        env:
        - name: NEW
          value: "1"
        - name: MODE
          value: overridden
          valueFrom: null
      volumes:
      - name: sec
        $patch: delete
"""})
case("patches-smp-delete-resource", {**k("resources:\n- all.yaml\npatches:\n- patch: |-\n    $patch: delete\n"
                                         "    apiVersion: v1\n    kind: Service\n    metadata:\n      name: web\n"),
                                     "all.yaml": DEPLOY + "---\n" + SVC})

# --- overlays and components
case("overlay-chain-three-levels", {
    "prod/kustomization.yaml": "resources:\n- ../staging\nnamePrefix: prod-\ncommonLabels:\n  env: prod\n"
                               "replicas:\n- name: web\n  count: 10\n",
    "staging/kustomization.yaml": "resources:\n- ../base\nnamespace: staging\nimages:\n- name: nginx\n  newTag: \"1.26\"\n",
    "base/kustomization.yaml": "resources:\n- d.yaml\n- s.yaml\nconfigMapGenerator:\n- name: web-config\n"
                               "  literals: [k=v]\n",
    "base/d.yaml": DEPLOY.replace("        ports:\n", "        envFrom:\n        - configMapRef:\n"
                                  "            name: web-config\n        ports:\n"),
    "base/s.yaml": SVC}, target="prod")
case("overlay-bases-field", {**k("bases:\n- ../base\nnamePrefix: o-\n"),
                             "base/kustomization.yaml": "resources:\n- s.yaml\n", "base/s.yaml": SVC}, target="overlay")
case("overlay-two-bases", {**k("resources:\n- ../a\n- ../b\n"),
                           "a/kustomization.yaml": "namePrefix: a-\nresources:\n- ../common\n",
                           "b/kustomization.yaml": "namePrefix: b-\nresources:\n- ../common\n",
                           "common/kustomization.yaml": "resources:\n- cm.yaml\n", "common/cm.yaml": CM},
     target="overlay")
case("components-basic", {**k("resources:\n- ../base\ncomponents:\n- ../comp\n"),
                          "base/kustomization.yaml": "resources:\n- d.yaml\n", "base/d.yaml": DEPLOY,
                          "comp/kustomization.yaml": "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n"
                                                     "commonLabels:\n  feature: on\npatches:\n- patch: |-\n"
                                                     "    - op: add\n      path: /spec/paused\n      value: true\n"
                                                     "  target:\n    kind: Deployment\n"
                                                     "configMapGenerator:\n- name: feature\n  literals: [f=1]\n"},
     target="overlay")
case("components-two-in-order", {**k("resources:\n- cm.yaml\ncomponents:\n- c1\n- c2\n"), "cm.yaml": CM,
                                 "c1/kustomization.yaml": "kind: Component\napiVersion: kustomize.config.k8s.io/v1alpha1\n"
                                                          "namePrefix: one-\n",
                                 "c2/kustomization.yaml": "kind: Component\napiVersion: kustomize.config.k8s.io/v1alpha1\n"
                                                          "commonAnnotations:\n  c2: applied\n"})
case("components-generator-merge", {**k("configMapGenerator:\n- name: conf\n  literals: [a=1]\ncomponents:\n- comp\n"),
                                    "comp/kustomization.yaml": "kind: Component\napiVersion: kustomize.config.k8s.io/v1alpha1\n"
                                                               "configMapGenerator:\n- name: conf\n  behavior: merge\n"
                                                               "  literals: [b=2]\n"})

# --- replacements and vars
case("replacements-inline", {**k("resources:\n- d.yaml\n- cm.yaml\nreplacements:\n- source:\n    kind: ConfigMap\n"
                                 "    name: settings\n    fieldPath: data.LOG_LEVEL\n  targets:\n  - select:\n"
                                 "      kind: Deployment\n    fieldPaths:\n    - spec.template.metadata.annotations.level\n"
                                 "    options:\n      create: true\n"), "d.yaml": DEPLOY, "cm.yaml": CM})
case("replacements-container-by-name", {**k("resources:\n- d.yaml\n- cm.yaml\nreplacements:\n- source:\n"
                                            "    kind: ConfigMap\n    name: settings\n    fieldPath: data.LOG_LEVEL\n"
                                            "  targets:\n  - select:\n      kind: Deployment\n      name: web\n"
                                            "    fieldPaths:\n    - spec.template.spec.containers.[name=web].image\n"
                                            "    options:\n      delimiter: ':'\n      index: 1\n"),
                                        "d.yaml": DEPLOY, "cm.yaml": CM})
case("replacements-name-default-fieldpath", {**k("resources:\n- d.yaml\n- s.yaml\nnamePrefix: p-\nreplacements:\n"
                                                 "- source:\n    kind: Service\n  targets:\n  - select:\n"
                                                 "      kind: Deployment\n    fieldPaths:\n"
                                                 "    - metadata.annotations.svc\n    options:\n      create: true\n"),
                                             "d.yaml": DEPLOY, "s.yaml": SVC})
case("vars-basic", {**k("resources:\n- p.yaml\n- s.yaml\nvars:\n- name: SVC_NAME\n  objref:\n    kind: Service\n"
                        "    name: web\n    apiVersion: v1\n- name: SVC_PORT\n  objref:\n    kind: Service\n"
                        "    name: web\n    apiVersion: v1\n  fieldref:\n    fieldpath: spec.ports[0].port\n"),
                    "s.yaml": SVC,
                    "p.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: client\nspec:\n  containers:\n"
                              "  - name: c\n    image: busybox\n    command: [\"wget\", \"$(SVC_NAME):$(SVC_PORT)\"]\n"
                              "    env:\n    - name: TARGET\n      value: $(SVC_NAME)\n"})

# --- sort options and build metadata
case("sortoptions-fifo", {**k("sortOptions:\n  order: fifo\nresources:\n- mixed.yaml\n"), "mixed.yaml": MIXED})
case("sortoptions-legacy-custom", {**k("sortOptions:\n  order: legacy\n  legacySortOptions:\n    orderFirst:\n"
                                       "    - Service\n    orderLast:\n    - Namespace\nresources:\n- mixed.yaml\n"),
                                   "mixed.yaml": MIXED})
case("buildmetadata-origin", {**k("buildMetadata: [originAnnotations]\nresources:\n- cm.yaml\n- base\n"
                                  "configMapGenerator:\n- name: g\n  literals: [a=b]\n"), "cm.yaml": CM,
                              "base/kustomization.yaml": "resources:\n- s.yaml\n", "base/s.yaml": SVC})
case("buildmetadata-managed-by", {**k("buildMetadata: [managedByLabel]\nresources:\n- cm.yaml\n"), "cm.yaml": CM})

# --- errors
case("error-missing-resource-file", k("resources:\n- missing.yaml\n"))
case("error-no-kustomization", {"readme.txt": "nothing here\n"})
case("error-unknown-field", k("resourcez:\n- a.yaml\n"))
case("error-missing-target-dir", k("resources: []\n"), target="nope")
case("error-bad-yaml-resource", {**k("resources:\n- bad.yaml\n"), "bad.yaml": "apiVersion: v1\nkind: [\n"})
case("error-bad-yaml-kustomization", k("resources:\n  - a\n - b\n"))
case("error-missing-kind", {**k("resources:\n- cm.yaml\n"), "cm.yaml": "apiVersion: v1\nmetadata:\n  name: x\n"})
case("error-duplicate-resource-id", {**k("resources:\n- a.yaml\n- b.yaml\n"), "a.yaml": CM, "b.yaml": CM})
case("error-patch-target-missing", {**k("resources:\n- d.yaml\npatches:\n- patch: |-\n    apiVersion: apps/v1\n"
                                        "    kind: Deployment\n    metadata:\n      name: nothere\n"
                                        "    spec:\n      replicas: 2\n"), "d.yaml": DEPLOY})
case("error-patch-file-missing", {**k("resources:\n- d.yaml\npatches:\n- path: nope.yaml\n"), "d.yaml": DEPLOY})
case("error-json6902-bad-path", {**k("resources:\n- d.yaml\npatches:\n- target:\n    kind: Deployment\n"
                                     "  patch: |-\n    - op: replace\n      path: /spec/nothing/here\n      value: 1\n"),
                                 "d.yaml": DEPLOY})
case("error-cycle", {"a/kustomization.yaml": "resources:\n- ../b\n", "b/kustomization.yaml": "resources:\n- ../a\n"},
     target="a")
case("error-self-cycle", k("resources:\n- .\n"))
case("error-remote-resource", k("resources:\n- https://github.com/kubernetes-sigs/kustomize//examples/helloWorld?ref=v5.5.0\n"),
     pending="kubectl's text carries the machine's DNS server and git path; pykubectl gives its own clear error")
case("error-helm-charts", k("helmCharts:\n- name: nginx\n  repo: https://charts.example.com\n  version: 1.0.0\n"))
case("error-configmap-behavior-merge-nothing", k("configMapGenerator:\n- name: x\n  behavior: merge\n  literals: [a=b]\n"),
     pending="kubectl's text carries a Go pointer address, different on every run")
case("error-configmap-duplicate-key", k("configMapGenerator:\n- name: x\n  literals: [a=b, a=c]\n"))
case("error-configmap-bad-literal", k("configMapGenerator:\n- name: x\n  literals: [novalue]\n"))
case("error-configmap-missing-file", k("configMapGenerator:\n- name: x\n  files: [nofile.txt]\n"))
case("error-component-as-resource", {**k("resources:\n- comp\n"),
                                     "comp/kustomization.yaml": "kind: Component\napiVersion: kustomize.config.k8s.io/v1alpha1\n"})
case("error-resource-as-component", {**k("components:\n- base\n"), "base/kustomization.yaml": "resources: []\n"})
case("error-replicas-no-match-is-ok", {**k("replicas:\n- name: nothing\n  count: 2\nresources:\n- cm.yaml\n"), "cm.yaml": CM})
case("error-bad-sort-order", {**k("sortOptions:\n  order: random\nresources:\n- cm.yaml\n"), "cm.yaml": CM})
case("error-kustomization-not-a-map", k("- a\n- b\n"))
case("error-replacement-source-missing", {**k("resources:\n- cm.yaml\nreplacements:\n- source:\n    kind: Secret\n"
                                              "    name: nope\n  targets:\n  - select:\n      kind: ConfigMap\n"
                                              "    fieldPaths: [data.x]\n"), "cm.yaml": CM})
case("error-var-unresolved-ok", {**k("resources:\n- p.yaml\n"), "p.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n"
                                 "  name: p\nspec:\n  containers:\n  - name: c\n    image: x\n"
                                 "    args: [\"$(NOT_A_VAR)\"]\n"})
case("error-resource-is-kustomization-file", {**k("resources:\n- other/kustomization.yaml\n"),
                                              "other/kustomization.yaml": "resources: []\n"})
case("error-patches-strategic-merge-no-match", {**k("resources:\n- cm.yaml\npatchesStrategicMerge:\n- p.yaml\n"),
                                                "cm.yaml": CM, "p.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
                                                "  name: other\ndata:\n  a: b\n"})
case("error-exec-plugin-transformers", {**k("transformers:\n- t.yaml\nresources:\n- cm.yaml\n"), "cm.yaml": CM,
                                        "t.yaml": "apiVersion: someteam.example.com/v1\nkind: ChartInflator\n"
                                                  "metadata:\n  name: x\n"})

# --- more generators, references and transformers
case("configmap-immutable-and-secret-options", {**k("configMapGenerator:\n- name: frozen\n  literals: [a=b]\n"
                                                    "  options:\n    immutable: true\nsecretGenerator:\n- name: sec\n"
                                                    "  literals: [token=abc]\n  options:\n    labels:\n"
                                                    "      kind: token\n")})
case("generator-pull-secret-and-sts", {**k("secretGenerator:\n- name: regcred\n  type: kubernetes.io/dockerconfigjson\n"
                                           "  literals:\n  - .dockerconfigjson={\"auths\":{}}\nresources:\n- d.yaml\n"
                                           "- s.yaml\nconfigMapGenerator:\n- name: app-config\n  literals: [mode=x]\n"),
                                       "d.yaml": DEPLOY_REFS, "s.yaml": STS.replace(
                                           "        image: postgres:16\n",
                                           "        image: postgres:16\n        envFrom:\n        - configMapRef:\n"
                                           "            name: app-config\n")})
case("images-tag-and-digest", {**k("images:\n- name: nginx\n  newTag: \"1.27\"\n  digest: sha256:abc123\n"
                                   "resources:\n- d.yaml\n"), "d.yaml": DEPLOY})
case("images-pod-and-init", {**k("images:\n- name: busybox\n  newName: mirror.local/busybox\n- name: x\n  newTag: \"2\"\n"
                                 "resources:\n- p.yaml\n"),
                             "p.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  initContainers:\n"
                                       "  - name: i\n    image: busybox:1.0\n  containers:\n  - name: c\n    image: x\n"
                                       "  - name: d\n    image: xy:1\n"})
case("replicas-zero-statefulset", {**k("replicas:\n- name: db\n  count: 0\nresources:\n- s.yaml\n"), "s.yaml": STS})
case("prefix-skips-namespace-and-crd", {**k("namePrefix: pre-\nnameSuffix: -suf\nresources:\n- ns.yaml\n- crd.yaml\n"
                                            "- cm.yaml\n"), "ns.yaml": NS, "crd.yaml": CRD, "cm.yaml": CM})
case("annotations-on-many-kinds", {**k("commonAnnotations:\n  team: core\nresources:\n- all.yaml\n"),
                                   "all.yaml": MIXED + "---\n" + STS})
case("resources-comments-only-file", {**k("resources:\n- empty.yaml\n- cm.yaml\n"),
                                      "empty.yaml": "# nothing here\n", "cm.yaml": CM})
case("patches-multi-doc-smp-file", {**k("resources:\n- d.yaml\n- s.yaml\npatches:\n- path: p.yaml\n"),
                                    "d.yaml": DEPLOY, "s.yaml": SVC,
                                    "p.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n"
                                              "spec:\n  minReadySeconds: 5\n---\napiVersion: v1\nkind: Service\n"
                                              "metadata:\n  name: web\nspec:\n  type: NodePort\n"})
case("patches-target-version-only", {**k("resources:\n- all.yaml\npatches:\n- target:\n    version: v1\n"
                                         "    kind: ConfigMap\n  patch: |-\n    - op: add\n      path: /data/v\n"
                                         "      value: one\n"),
                                     "all.yaml": CM + "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: second\n"
                                                 "data:\n  x: y\n"})
case("vars-with-prefix", {**k("namePrefix: p-\nresources:\n- p.yaml\n- s.yaml\nvars:\n- name: SVC\n  objref:\n"
                              "    kind: Service\n    name: web\n    apiVersion: v1\n"),
                          "s.yaml": SVC, "p.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: client\n"
                                                   "spec:\n  selector:\n    matchLabels: {a: b}\n  template:\n"
                                                   "    metadata:\n      labels: {a: b}\n    spec:\n      containers:\n"
                                                   "      - name: c\n        image: busybox\n"
                                                   "        args: [\"--target=$(SVC)\"]\n"})
case("namespace-overlay-rbac-default-sa", {**k("namespace: ops\nresources:\n- ../base\n"),
                                           "base/kustomization.yaml": "resources:\n- rbac.yaml\n", "base/rbac.yaml": RBAC},
     target="overlay")
case("labels-custom-fields", {**k("labels:\n- pairs:\n    owner: me\n  fields:\n  - path: spec/template/metadata/labels\n"
                                  "    kind: Deployment\n    create: true\nresources:\n- d.yaml\n"), "d.yaml": DEPLOY})
case("buildmetadata-origin-overlay", {**k("buildMetadata: [originAnnotations]\nresources:\n- ../base\nnamePrefix: o-\n"),
                                      "base/kustomization.yaml": "resources:\n- d.yaml\n", "base/d.yaml": DEPLOY},
     target="overlay")
case("generator-envs-and-literals-together", {**k("configMapGenerator:\n- name: mixed\n  envs: [a.env]\n"
                                                  "  literals: [z=last]\n  files: [f.txt]\n"),
                                              "a.env": "A=1\n", "f.txt": "file body\n"})
case("kustomization-null-fields", {**k("resources:\n- cm.yaml\nnamePrefix:\nimages:\n"), "cm.yaml": CM})
case("overlay-components-and-generators-order", {
    **k("resources:\n- ../base\ncomponents:\n- ../monitoring\nnamespace: shop\n"),
    "base/kustomization.yaml": "resources:\n- d.yaml\n- s.yaml\n", "base/d.yaml": DEPLOY, "base/s.yaml": SVC,
    "monitoring/kustomization.yaml": "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n"
                                     "resources:\n- sm.yaml\nlabels:\n- pairs:\n    monitored: \"true\"\n",
    "monitoring/sm.yaml": "apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: web\n"
                          "spec:\n  endpoints:\n  - port: http\n"}, target="overlay")

# --- more errors
case("error-commonlabels-bool-value", {**k("commonLabels:\n  feature: on\nresources:\n- cm.yaml\n"), "cm.yaml": CM})
case("error-generator-duplicate-name", k("configMapGenerator:\n- name: x\n  literals: [a=b]\n- name: x\n"
                                         "  literals: [c=d]\n"),
     pending="kubectl's text carries a Go pointer address, different on every run")
case("label-in-common-and-labels-common-wins", {**k("commonLabels:\n  app: a\nlabels:\n- pairs:\n    app: b\n"
                                              "resources:\n- cm.yaml\n"), "cm.yaml": CM})
case("error-resource-top-level-list", {**k("resources:\n- l.yaml\n"), "l.yaml": "- a\n- b\n"})
case("error-patch-bad-yaml", {**k("resources:\n- cm.yaml\npatches:\n- patch: |-\n    a: [\n"), "cm.yaml": CM})
case("error-components-missing-dir", k("components:\n- nothere\n"))
case("error-fifo-with-legacy-options", {**k("sortOptions:\n  order: fifo\n  legacySortOptions:\n    orderFirst: [A]\n"
                                            "resources:\n- cm.yaml\n"), "cm.yaml": CM})
case("error-resources-not-a-list", k("resources: cm.yaml\n"))
case("error-base-missing-kustomization", {**k("resources:\n- base\n"), "base/cm.yaml": CM})
case("error-file-outside-root", {**k("configMapGenerator:\n- name: x\n  files: [../outside.txt]\n"),
                                 "outside.txt": "secret\n"}, target="app")

# --- strategic merge patches as kyaml merges them (list order, directives)
TWO_CONTAINERS = DEPLOY.replace("""        ports:
        - containerPort: 80
""", """        env:
        - name: A
          value: a
        - name: B
          value: b
        ports:
        - containerPort: 80
      - name: log
        image: fluentbit:2
      volumes:
      - name: v1
        emptyDir: {}
""")


def smp_case(name: str, patch: str, pending: str = "") -> None:
    case(name, {**k("resources:\n- d.yaml\npatches:\n- path: p.yaml\n"), "d.yaml": TWO_CONTAINERS,
                "p.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n"
                          "    spec:\n" + patch}, pending=pending)


smp_case("smp-new-env-goes-first", "      containers:\n      - name: web\n        env:\n        - name: C\n"
                                   "          value: c\n")
smp_case("smp-containers-reversed", "      containers:\n      - name: log\n        image: fluentbit:3\n"
                                    "      - name: web\n        image: nginx:1.27\n")
smp_case("smp-delete-container", "      containers:\n      - name: log\n        $patch: delete\n")
smp_case("smp-new-volume-and-existing", "      volumes:\n      - name: v2\n        emptyDir: {}\n"
                                        "      - name: v1\n        emptyDir:\n          medium: Memory\n")
smp_case("smp-replace-map", "      containers:\n      - name: web\n        resources:\n          $patch: replace\n"
                            "          limits:\n            cpu: \"1\"\n")
smp_case("smp-env-update-middle", "      containers:\n      - name: web\n        env:\n        - name: B\n"
                                  "          value: changed\n")
smp_case("smp-null-deletes-field", "      containers:\n      - name: log\n        image: null\n"
                                   "      terminationGracePeriodSeconds: 5\n")
case("smp-service-ports-by-port", {**k("resources:\n- s.yaml\npatches:\n- patch: |-\n    apiVersion: v1\n"
                                       "    kind: Service\n    metadata:\n      name: web\n    spec:\n      ports:\n"
                                       "      - port: 443\n        targetPort: 8443\n      - port: 80\n"
                                       "        name: http\n"), "s.yaml": SVC})

# --- name references across layers and kinds
case("nameref-two-overlays-share-generator", {
    **k("resources:\n- ../a\n- ../b\n"),
    "a/kustomization.yaml": "namePrefix: a-\nresources:\n- ../common\n",
    "b/kustomization.yaml": "namePrefix: b-\nresources:\n- ../common\n",
    "common/kustomization.yaml": "resources:\n- d.yaml\nconfigMapGenerator:\n- name: app-config\n  literals: [mode=x]\n",
    "common/d.yaml": CRONJOB}, target="overlay")
case("nameref-role-resource-names", {**k("namePrefix: x-\nconfigMapGenerator:\n- name: app-config\n  literals: [a=b]\n"
                                         "resources:\n- role.yaml\n"),
                                     "role.yaml": "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n"
                                                  "  name: r\nrules:\n- apiGroups: [\"\"]\n  resources: [configmaps]\n"
                                                  "  resourceNames: [app-config, other]\n  verbs: [get]\n"})
case("nameref-ingress-tls-secret", {**k("secretGenerator:\n- name: tls\n  type: kubernetes.io/tls\n  literals:\n"
                                        "  - tls.crt=c\n  - tls.key=k\nnameSuffix: -v1\nresources:\n- ing.yaml\n- s.yaml\n"),
                                    "s.yaml": SVC,
                                    "ing.yaml": "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n"
                                                "spec:\n  tls:\n  - hosts: [a.example.com]\n    secretName: tls\n"
                                                "  defaultBackend:\n    service:\n      name: web\n      port:\n"
                                                "        number: 80\n"})
case("nameref-overlay-generator-used-by-base", {
    **k("resources:\n- ../base\nnamePrefix: prod-\nconfigMapGenerator:\n- name: app-config\n  literals: [mode=prod]\n"),
    "base/kustomization.yaml": "resources:\n- d.yaml\n", "base/d.yaml": CRONJOB}, target="overlay")
case("nameref-pvc-and-storageclass", {**k("namePrefix: s-\nresources:\n- all.yaml\n"),
                                      "all.yaml": "apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n"
                                                  "  name: fast\nprovisioner: example.com/fast\n---\napiVersion: v1\n"
                                                  "kind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n"
                                                  "  storageClassName: fast\n  accessModes: [ReadWriteOnce]\n"
                                                  "  resources:\n    requests:\n      storage: 1Gi\n---\n"
                                                  + DEPLOY_REFS})
case("secret-behavior-merge-over-base", {
    **k("resources:\n- ../base\nsecretGenerator:\n- name: creds\n  behavior: merge\n  literals: [extra=e]\n"),
    "base/kustomization.yaml": "secretGenerator:\n- name: creds\n  literals: [user=u]\n  type: Opaque\n"},
    target="overlay")
case("namespace-and-suffix-on-webhook-service", {**k("namespace: hooks\nnameSuffix: -x\nresources:\n- all.yaml\n"),
                                                 "all.yaml": SVC + "---\napiVersion: admissionregistration.k8s.io/v1\n"
                                                 "kind: MutatingWebhookConfiguration\nmetadata:\n  name: m\nwebhooks:\n"
                                                 "- name: m.example.com\n  clientConfig:\n    service:\n"
                                                 "      name: web\n      namespace: default\n      path: /mutate\n"
                                                 "  admissionReviewVersions: [v1]\n  sideEffects: None\n"})
case("replacements-from-file-and-reject", {
    **k("resources:\n- all.yaml\nreplacements:\n- path: r.yaml\n"),
    "all.yaml": CM + "---\n" + DEPLOY + "---\n" + DEPLOY.replace("name: web\n", "name: other\n", 1),
    "r.yaml": "source:\n  kind: ConfigMap\n  name: settings\n  fieldPath: data.LOG_LEVEL\ntargets:\n- select:\n"
              "    kind: Deployment\n  reject:\n  - name: other\n  fieldPaths:\n  - spec.template.metadata.labels.level\n"})
case("error-crds-missing-file", {**k("crds:\n- missing.json\nresources:\n- cm.yaml\n"), "cm.yaml": CM})
case("error-nameref-ambiguous", {**k("resources:\n- a\n- b\n- d.yaml\n"),
                                 "a/kustomization.yaml": "namePrefix: a-\nconfigMapGenerator:\n- name: app-config\n"
                                                         "  literals: [x=1]\n",
                                 "b/kustomization.yaml": "namePrefix: b-\nconfigMapGenerator:\n- name: app-config\n"
                                                         "  literals: [x=2]\n",
                                 "d.yaml": CRONJOB})

# --- configurations: transformer field specs for custom kinds
WIDGET_CFG = """nameReference:
- kind: ConfigMap
  version: v1
  fieldSpecs:
  - path: spec/configRef/name
    kind: Widget
commonLabels:
- path: spec/selector/matchLabels
  kind: Widget
  create: true
commonAnnotations:
- path: spec/template/metadata/annotations
  kind: Widget
  create: true
varReference:
- path: spec/message
  kind: Widget
"""
WIDGET = ("apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  configRef:\n    name: app-config\n"
          "  message: hello $(CM_NAME)\n  template:\n    metadata: {}\n")
case("configurations-custom-kind", {**k("configurations:\n- cfg.yaml\nnamePrefix: p-\ncommonLabels:\n  app: w\n"
                                        "commonAnnotations:\n  note: hi\nconfigMapGenerator:\n- name: app-config\n"
                                        "  literals: [a=b]\nresources:\n- w.yaml\nvars:\n- name: CM_NAME\n  objref:\n"
                                        "    kind: ConfigMap\n    name: app-config\n    apiVersion: v1\n"),
                                    "cfg.yaml": WIDGET_CFG, "w.yaml": WIDGET})
case("configurations-in-base-used-by-overlay", {
    **k("resources:\n- ../base\nnamePrefix: prod-\nconfigMapGenerator:\n- name: app-config\n  literals: [x=y]\n"),
    "base/kustomization.yaml": "configurations:\n- cfg.yaml\nresources:\n- w.yaml\n",
    "base/cfg.yaml": WIDGET_CFG, "base/w.yaml": WIDGET}, target="overlay")
case("error-configurations-missing-file", {**k("configurations:\n- nope.yaml\nresources:\n- cm.yaml\n"), "cm.yaml": CM})

# --- trickier corners
case("images-registry-with-port", {**k("images:\n- name: localhost:5000/app\n  newTag: v2\n- name: nginx\n"
                                       "  newName: localhost:5000/nginx\nresources:\n- p.yaml\n"),
                                   "p.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n"
                                             "  - name: a\n    image: localhost:5000/app:v1\n  - name: b\n"
                                             "    image: nginx@sha256:0123\n  - name: c\n    image: localhost:5000/app\n"})
case("same-name-different-namespaces", {**k("resources:\n- all.yaml\nnamePrefix: p-\n"),
                                        "all.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n"
                                                    "  namespace: b\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n"
                                                    "  name: c\n  namespace: a\n---\napiVersion: v1\nkind: ConfigMap\n"
                                                    "metadata:\n  name: c\n---\napiVersion: v1\nkind: Namespace\n"
                                                    "metadata:\n  name: b\n---\napiVersion: v1\nkind: Namespace\n"
                                                    "metadata:\n  name: a\n"})
case("labels-templates-statefulset-claims", {**k("labels:\n- pairs:\n    tier: db\n  includeTemplates: true\n"
                                                 "resources:\n- s.yaml\n"), "s.yaml": STS})
case("generator-key-from-file-path-dir", {**k("configMapGenerator:\n- name: nested\n  files:\n  - conf/app.ini\n"
                                              "  - custom=conf/other.txt\n"),
                                          "conf/app.ini": "[main]\nx=1\n", "conf/other.txt": "other\n"})
case("secret-with-namespace-and-prefix-refs", {**k("namespace: apps\nnamePrefix: my-\nsecretGenerator:\n"
                                                   "- name: app-secret\n  literals: [password=p]\nresources:\n- d.yaml\n"
                                                   "- sa.yaml\n"),
                                               "d.yaml": DEPLOY_REFS,
                                               "sa.yaml": "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n"
                                                          "  name: api-sa\nimagePullSecrets:\n- name: app-secret\n"})
case("clusterrolebinding-subject-namespace-follows", {
    **k("resources:\n- ../base\nnamespace: team\nnamePrefix: t-\n"),
    "base/kustomization.yaml": "resources:\n- r.yaml\n",
    "base/r.yaml": "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: robot\n  namespace: base-ns\n---\n"
                   "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: robot-crb\n"
                   "roleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\nsubjects:\n"
                   "- kind: ServiceAccount\n  name: robot\n  namespace: base-ns\n"}, target="overlay")
case("json6902-add-to-list-end-and-escape", {**k("resources:\n- d.yaml\npatches:\n- target:\n    kind: Deployment\n"
                                                 "  patch: |-\n    - op: add\n      path: /spec/template/spec/containers/-\n"
                                                 "      value: {name: extra, image: busybox}\n    - op: add\n"
                                                 "      path: /metadata/annotations\n      value: {}\n    - op: add\n"
                                                 "      path: /metadata/annotations/example.com~1team\n"
                                                 "      value: core\n"), "d.yaml": DEPLOY})
case("patch-changes-name-via-json6902", {**k("resources:\n- cm.yaml\npatches:\n- target:\n    kind: ConfigMap\n"
                                             "    name: settings\n  patch: |-\n    - op: replace\n"
                                             "      path: /data/LOG_LEVEL\n      value: debug\n"), "cm.yaml": CM})
case("commonlabels-on-networkpolicy-and-pdb", {**k("commonLabels:\n  app: x\nresources:\n- np.yaml\n"),
                                               "np.yaml": "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"
                                                          "metadata:\n  name: np\nspec:\n  podSelector:\n"
                                                          "    matchLabels: {role: db}\n  ingress:\n  - from:\n"
                                                          "    - podSelector:\n        matchLabels: {role: fe}\n---\n"
                                                          "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n"
                                                          "  name: pdb\nspec:\n  minAvailable: 1\n  selector:\n"
                                                          "    matchLabels: {role: db}\n"})
case("kustomization-yml-and-yaml-both", {"kustomization.yaml": "resources:\n- cm.yaml\n",
                                         "kustomization.yml": "resources: []\n", "cm.yaml": CM})
case("resource-json-file", {**k("resources:\n- cm.json\n"),
                            "cm.json": '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "j"}, '
                                       '"data": {"n": "1", "b": "true"}}\n'})
case("overlay-replaces-image-and-patches-base-generator", {
    **k("resources:\n- ../base\nimages:\n- name: nginx\n  newTag: stable\nconfigMapGenerator:\n- name: web-config\n"
        "  behavior: replace\n  literals: [only=1]\n"),
    "base/kustomization.yaml": "resources:\n- d.yaml\nconfigMapGenerator:\n- name: web-config\n  literals: [k=v]\n",
    "base/d.yaml": DEPLOY.replace("        ports:\n", "        envFrom:\n        - configMapRef:\n"
                                  "            name: web-config\n        ports:\n")}, target="overlay")
case("error-patch-unknown-kind-target-ok", {**k("resources:\n- cm.yaml\npatches:\n- target:\n    kind: Nothing\n"
                                                "  patch: |-\n    - op: add\n      path: /x\n      value: 1\n"),
                                            "cm.yaml": CM})
case("error-nested-unknown-field", k("configMapGenerator:\n- name: x\n  literal: [a=b]\n"))
case("error-images-wrong-type", {**k("images: nginx\nresources:\n- cm.yaml\n"), "cm.yaml": CM})

# --- built-in plugins configured through generators: and transformers:
case("transformers-builtin-prefix-labels-namespace", {
    **k("resources:\n- cm.yaml\n- d.yaml\ntransformers:\n- prefix.yaml\n- |-\n  apiVersion: builtin\n"
        "  kind: LabelTransformer\n  metadata:\n    name: labels\n  labels:\n    team: a\n  fieldSpecs:\n"
        "  - path: metadata/labels\n    create: true\n- ns.yaml\n"),
    "prefix.yaml": "apiVersion: builtin\nkind: PrefixSuffixTransformer\nmetadata:\n  name: p\nprefix: pre-\n"
                   "suffix: -suf\nfieldSpecs:\n- path: metadata/name\n",
    "ns.yaml": "apiVersion: builtin\nkind: NamespaceTransformer\nmetadata:\n  name: ns\n  namespace: custom\n"
               "unsetOnly: true\n",
    "cm.yaml": CM, "d.yaml": DEPLOY.replace("  name: web\n", "  name: web\n  namespace: keep\n", 1)})
case("transformers-builtin-images-replicas-annotations", {
    **k("resources:\n- d.yaml\ntransformers:\n- t.yaml\n"),
    "t.yaml": "apiVersion: builtin\nkind: ImageTagTransformer\nmetadata:\n  name: img\nimageTag:\n  name: nginx\n"
              "  newTag: \"1.99\"\n---\napiVersion: builtin\nkind: ReplicaCountTransformer\nmetadata:\n  name: r\n"
              "replica:\n  name: web\n  count: 6\nfieldSpecs:\n- path: spec/replicas\n  kind: Deployment\n"
              "  create: true\n---\napiVersion: builtin\nkind: AnnotationsTransformer\nmetadata:\n  name: a\n"
              "annotations:\n  built: by-plugin\nfieldSpecs:\n- path: metadata/annotations\n  create: true\n",
    "d.yaml": DEPLOY})
case("transformers-builtin-patches", {
    **k("resources:\n- d.yaml\ntransformers:\n- p.yaml\n"),
    "p.yaml": "apiVersion: builtin\nkind: PatchTransformer\nmetadata:\n  name: p1\npatch: |-\n  - op: replace\n"
              "    path: /spec/replicas\n    value: 4\ntarget:\n  kind: Deployment\n---\napiVersion: builtin\n"
              "kind: PatchStrategicMergeTransformer\nmetadata:\n  name: p2\npatches: |-\n  apiVersion: apps/v1\n"
              "  kind: Deployment\n  metadata:\n    name: web\n  spec:\n    minReadySeconds: 9\n",
    "d.yaml": DEPLOY})
case("generators-builtin-configmap", {
    **k("generators:\n- gen.yaml\nresources:\n- d.yaml\n"),
    "gen.yaml": "apiVersion: builtin\nkind: ConfigMapGenerator\nmetadata:\n  name: web-config\nliterals:\n- k=v\n",
    "d.yaml": DEPLOY.replace("        ports:\n", "        envFrom:\n        - configMapRef:\n"
                             "            name: web-config\n        ports:\n")})
case("error-target-is-a-file", {**k("resources:\n- cm.yaml\n"), "cm.yaml": CM}, target="cm.yaml")
case("error-openapi-missing-file", {**k("openapi:\n  path: schema.json\nresources:\n- cm.yaml\n"), "cm.yaml": CM})
case("openapi-version-field", {**k("openapi:\n  version: v1.21.2\nresources:\n- cm.yaml\n"), "cm.yaml": CM})
case("error-target-is-parent-file-path", {"app/kustomization.yaml": "resources:\n- ../cm.yaml\n", "cm.yaml": CM},
     target="app")

# --- more patch and var forms
case("patches-smp-renames-with-option", {**k("resources:\n- cm.yaml\npatches:\n- patch: |-\n    apiVersion: v1\n"
                                             "    kind: ConfigMap\n    metadata:\n      name: renamed\n    data:\n"
                                             "      x: y\n  target:\n    name: settings\n  options:\n"
                                             "    allowNameChange: true\n"), "cm.yaml": CM})
case("patches-strategic-merge-inline-string", {**k("resources:\n- d.yaml\npatchesStrategicMerge:\n- |-\n"
                                                   "  apiVersion: apps/v1\n  kind: Deployment\n  metadata:\n"
                                                   "    name: web\n  spec:\n    replicas: 8\n"), "d.yaml": DEPLOY})
case("error-smp-multiple-matches", {**k("resources:\n- all.yaml\npatches:\n- patch: |-\n    apiVersion: v1\n"
                                        "    kind: ConfigMap\n    metadata:\n      name: c\n    data:\n      x: y\n"),
                                    "all.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n"
                                                "  namespace: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n"
                                                "  name: c\n  namespace: b\n"})
case("vars-from-configmap-data", {**k("resources:\n- cm.yaml\n- p.yaml\nvars:\n- name: LEVEL\n  objref:\n"
                                      "    kind: ConfigMap\n    name: settings\n    apiVersion: v1\n  fieldref:\n"
                                      "    fieldpath: data.LOG_LEVEL\n"),
                                  "cm.yaml": CM,
                                  "p.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n"
                                            "    level: $(LEVEL)\nspec:\n  containers:\n  - name: c\n    image: x\n"
                                            "    env:\n    - name: L\n      value: \"level=$(LEVEL)\"\n"})
case("error-var-object-missing", {**k("resources:\n- cm.yaml\nvars:\n- name: X\n  objref:\n    kind: Secret\n"
                                      "    name: none\n    apiVersion: v1\n"), "cm.yaml": CM})
case("error-missing-file-in-missing-dir", {**k("configurations:\n- cfg/x.yaml\nresources:\n- cm.yaml\n"), "cm.yaml": CM})
case("error-resource-in-missing-dir", k("resources:\n- sub/dir/cm.yaml\n"))
case("error-exec-plugin-generators", {**k("generators:\n- g.yaml\n"),
                                      "g.yaml": "apiVersion: example.com/v1\nkind: Nginx\nmetadata:\n  name: n\n"})

# --- one YAML node shared by the places a label run created (found by differential testing against kubectl)
case("labels-selector-follows-later-template-label", {
    **k("resources:\n- d.yaml\nlabels:\n- pairs:\n    env: e3\n  includeSelectors: true\n  includeTemplates: true\n"
        "- pairs:\n    env: e2\n  includeTemplates: true\n"), "d.yaml": DEPLOY})
case("labels-selector-follows-overlay-label", {
    **k("resources:\n- ../base\nlabels:\n- pairs:\n    env: e2\n  includeTemplates: true\ncommonAnnotations:\n"
        "  a: overlay\n"),
    "base/kustomization.yaml": "resources:\n- d.yaml\nlabels:\n- pairs:\n    env: e3\n  includeSelectors: true\n"
                               "commonAnnotations:\n  a: base\n",
    "base/d.yaml": DEPLOY + "---\n" + CRONJOB}, target="overlay")
case("labels-original-selector-keeps-its-value", {
    **k("resources:\n- d.yaml\nlabels:\n- pairs:\n    env: e3\n  includeSelectors: true\n- pairs:\n    app: new\n"
        "  includeTemplates: true\n"), "d.yaml": DEPLOY})

# --- type errors inside the Kustomization's structs
case("error-label-pair-bool", {**k("labels:\n- pairs:\n    x: y\nresources:\n- cm.yaml\n"), "cm.yaml": CM})
case("error-generator-literal-number", k("configMapGenerator:\n- name: g\n  literals:\n  - 1\n"))
case("error-image-tag-number", {**k("images:\n- name: nginx\n  newTag: 1.25\nresources:\n- cm.yaml\n"), "cm.yaml": CM})
case("error-replica-count-string", {**k("replicas:\n- name: web\n  count: \"2\"\nresources:\n- cm.yaml\n"),
                                    "cm.yaml": CM})
case("error-generator-options-label-bool", k("configMapGenerator:\n- name: g\n  literals: [a=b]\n  options:\n"
                                             "    labels:\n      on: on\n"))
