# The Heron server image (docker-compose.yml): Node 20 on Debian 12, runs as an unprivileged user, answers a
# healthcheck on /healthz. Build: docker build -t heron .   (needs the npm registry for OHIF's prebuilt viewer)
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY radiomics/package.json radiomics/
COPY dicom/package.json dicom/
COPY models/package.json models/
COPY server/package.json server/
COPY extension/package.json extension/
COPY mode/package.json mode/
COPY phantom/package.json phantom/
RUN npm ci --no-audit --no-fund
COPY . .
# Heron's own pinned OHIF with its plugins (sha512-checked download of @ohif/app), built once into the image.
RUN node --import tsx scripts/build-viewer.ts && rm -rf .cache

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    HERON_HOST=0.0.0.0 \
    HERON_PORT=8600 \
    HERON_STATE_DIR=/var/lib/heron \
    HERON_MODELS_DIR=/app/models
WORKDIR /app
COPY --from=build --chown=root:root /app /app
# The report PDF embeds DejaVu Sans (server/src/report/report-pdf.ts); the slim image has no fonts.
RUN apt-get update && apt-get install -y --no-install-recommends fonts-dejavu-core && rm -rf /var/lib/apt/lists/*
RUN useradd --system --uid 10001 --home-dir /var/lib/heron --shell /usr/sbin/nologin heron \
 && mkdir -p /var/lib/heron && chown heron:heron /var/lib/heron
USER heron
EXPOSE 8600
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.HERON_PORT||8600)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["node", "server/bin/heron.mjs"]
CMD ["serve"]
