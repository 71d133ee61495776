FROM buildpack-deps:bookworm
WORKDIR /usr/src/kvstore
COPY . .
RUN ./configure --prefix=/opt/kvstore \
 && make -j"$(nproc)" \
 && make install
RUN ln -s /opt/kvstore/etc/kvstore.conf /etc/kvstore.conf
EXPOSE 6379
CMD ["kvstore-server", "/etc/kvstore.conf"]
