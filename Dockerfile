# One image for the three apps; docker-compose.yml picks the entry point. Not built on the development
# machines (they have no Docker engine): kept in step with `npm run build` by hand.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY apps apps
COPY libs libs
# The web app (apps/web, built with Vite into dist/web) is served by the API at /.
RUN node_modules/.bin/tsc -p tsconfig.build.json && npm run build:web && npm prune --omit=dev

FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production NODE_OPTIONS=--disable-warning=TimeoutNegativeWarning
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY migrations migrations
COPY scripts scripts
USER node
CMD ["node", "dist/apps/api/src/main.js"]
