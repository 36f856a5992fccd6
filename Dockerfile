# syntax=docker/dockerfile:1

# ---- Build stage: the same command CI and developers use. -------------------
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
# The cache mount keeps ~/.m2 between builds (BuildKit); it never ends up in the image.
RUN --mount=type=cache,target=/root/.m2 \
    chmod +x mvnw && ./mvnw -B -DskipTests package

# ---- Runtime stage: JRE + the PostgreSQL client tools the product shells out to.
FROM eclipse-temurin:17-jre

# pg_dump / pg_restore / psql for snapshots and restores; curl for container health checks.
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client curl \
    && rm -rf /var/lib/apt/lists/*

# Fixed uid/gid so files on the evidence volume keep a stable owner across rebuilds.
RUN groupadd --system --gid 10001 rehearsal \
    && useradd --system --uid 10001 --gid rehearsal --home-dir /app --shell /usr/sbin/nologin rehearsal \
    && mkdir -p /app /data \
    && chown rehearsal:rehearsal /data

COPY --from=build /src/api/target/rehearsal.jar /app/rehearsal.jar

ENV REHEARSAL_DATA_DIR=/data
# Created (and chowned) above so a fresh named volume inherits the non-root owner.
VOLUME /data

USER rehearsal
WORKDIR /app
EXPOSE 8080
ENTRYPOINT ["java","-jar","/app/rehearsal.jar"]
