# Parley container image: the single compiled binary on a minimal base.
# Mirrors scripts/build.ts: install dependencies, build the UI bundles, compile dist/parley.
#
#   docker build -t parley .
#   docker run -p 8080:8080 -v parley-data:/data -v $PWD/parley.yaml:/etc/parley/parley.yaml:ro parley
#
# The config must set `storage.dataDir: /data` (the volume) and may keep `server.port: 8080`.

FROM oven/bun:1.4.5 AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN bun install
COPY . .
RUN bun scripts/build.ts \
 && mkdir -p /out/data \
 && cp dist/parley /out/parley

# distroless/cc: glibc and libstdc++ (what the Bun runtime links against), no shell, no package manager.
FROM gcr.io/distroless/cc-debian12:nonroot
COPY --from=build /out/parley /usr/local/bin/parley
COPY --from=build --chown=nonroot:nonroot /out/data /data
ENV PARLEY_CONFIG=/etc/parley/parley.yaml
USER nonroot
VOLUME ["/data"]
EXPOSE 8080
# `parley healthcheck` reads the port from $PARLEY_CONFIG and calls /healthz: no curl needed.
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 CMD ["/usr/local/bin/parley", "healthcheck"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/local/bin/parley"]
CMD ["serve"]
