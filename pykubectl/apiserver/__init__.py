"""apiserver: the API server's request pipeline over the store. `pipeline` takes a create, update or delete through
admission (defaulting, allocation, service-account wiring), validation and the write; `admission` holds the
admission plugins beyond defaulting (DefaultStorageClass, LimitRanger, ResourceQuota)."""
