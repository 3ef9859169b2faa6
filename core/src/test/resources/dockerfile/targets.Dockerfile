FROM node:20-alpine AS base
WORKDIR /app
ENV PATH=/app/node_modules/.bin:$PATH

FROM base AS deps
COPY package.json package-lock.json ./
RUN npm ci

FROM deps AS build
COPY . .
RUN npm run build
USER node

FROM gcr.io/distroless/nodejs20-debian12 AS runtime
COPY --from=build /app/dist /app/dist
CMD ["/app/dist/server.js"]
