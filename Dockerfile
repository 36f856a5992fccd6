# syntax=docker/dockerfile:1

# Pinned: the JDK, the JRE and the PostgreSQL client move only when this file says so.
ARG TEMURIN=17.0.20.1_1

# ---- Build stage: the same command CI and developers use. -------------------
FROM eclipse-temurin:${TEMURIN}-jdk-noble AS build
WORKDIR /src
COPY . .
# The cache mount keeps ~/.m2 between builds (BuildKit); it never ends up in the image.
RUN --mount=type=cache,target=/root/.m2 \
    chmod +x mvnw && ./mvnw -B -DskipTests package

# ---- Runtime stage: JRE + the PostgreSQL client tools the product shells out to.
FROM eclipse-temurin:${TEMURIN}-jre-noble

# pg_dump / pg_restore / psql from PostgreSQL's own apt repository: a newer pg_dump reads every older server, so
# the client is at least as new as any server a plan snapshots (Ubuntu's own would be 16). curl for health checks.
ARG PG_CLIENT_MAJOR=18
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN install -d /usr/share/postgresql-common/pgdg \
    && curl -fsSL -o /usr/share/postgresql-common/pgdg/apt.postgresql.org.asc https://www.postgresql.org/media/keys/ACCC4CF8.asc \
    && . /etc/os-release \
    && echo "deb [signed-by=/usr/share/postgresql-common/pgdg/apt.postgresql.org.asc] https://apt.postgresql.org/pub/repos/apt ${VERSION_CODENAME}-pgdg main" \
       > /etc/apt/sources.list.d/pgdg.list \
    && apt-get update \
    && apt-get install -y --no-install-recommends "postgresql-client-${PG_CLIENT_MAJOR}" curl \
    && rm -rf /var/lib/apt/lists/* \
    && pg_dump --version | grep -q "(PostgreSQL) ${PG_CLIENT_MAJOR}\."

# Fixed uid/gid so files on the evidence volume keep a stable owner across rebuilds; a real, writable home for
# the tools command steps call (~/.cache, ~/.gitconfig, ~/.kube).
RUN groupadd --system --gid 10001 rehearsal \
    && useradd --system --uid 10001 --gid rehearsal --create-home --home-dir /home/rehearsal --shell /usr/sbin/nologin rehearsal \
    && mkdir -p /app /data \
    && chown rehearsal:rehearsal /data

COPY --from=build /src/api/target/rehearsal.jar /app/rehearsal.jar

ENV REHEARSAL_DATA_DIR=/data HOME=/home/rehearsal
# Created (and chowned) above so a fresh named volume inherits the non-root owner.
VOLUME /data

USER rehearsal
WORKDIR /app
EXPOSE 8080
ENTRYPOINT ["java","-jar","/app/rehearsal.jar"]
