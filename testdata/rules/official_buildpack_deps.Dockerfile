# The official language images build on buildpack-deps and compile their
# runtime from source in one RUN that deletes the sources again: no
# final-image finding may fire on them.
FROM buildpack-deps:bookworm

ENV PYTHON_VERSION=3.12.4

RUN set -eux; \
	apt-get update; \
	apt-get install -y --no-install-recommends \
		libbluetooth-dev \
		tk-dev \
		uuid-dev \
	; \
	rm -rf /var/lib/apt/lists/*

RUN set -eux; \
	wget -O python.tar.xz "https://www.python.org/ftp/python/${PYTHON_VERSION}/Python-$PYTHON_VERSION.tar.xz"; \
	mkdir -p /usr/src/python; \
	tar --extract --directory /usr/src/python --strip-components=1 --file python.tar.xz; \
	cd /usr/src/python; \
	./configure --enable-optimizations; \
	make -j "$(nproc)"; \
	make install; \
	cd /; \
	rm -rf /usr/src/python

CMD ["python3"]
