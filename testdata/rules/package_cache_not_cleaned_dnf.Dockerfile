FROM fedora:40
# want PackageCacheNotCleaned:warning "^dnf install leaves its metadata and package cache in this layer; run `dnf clean all` in the same RUN$"
RUN dnf install -y --setopt=install_weak_deps=False curl
RUN dnf install -y jq && dnf clean all
# want PackageCacheNotCleaned "^yum install .*`yum clean all`"
RUN yum -y install less; \
    echo done
RUN microdnf install -y tar && microdnf clean all
USER 1000
ENTRYPOINT ["curl"]
