package dev.rehearsal.activities.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TableOfContentsTest {
  /** Lines as pg_restore 15 --list prints them. */
  private static final String LISTING = """
      ;
      ; Archive created at 2026-11-22 14:38:05 UTC
      ;     dbname: shop_production
      ;
      ; Selected TOC Entries:
      ;
      215; 1259 16399 TABLE public customers app
      214; 1259 16398 SEQUENCE public customers_id_seq app
      217; 1259 16405 TABLE public order lines app
      219; 1259 16420 VIEW public big_orders app
      3352; 0 16399 TABLE DATA public customers app
      3354; 0 16405 TABLE DATA public order lines app
      3361; 0 0 SEQUENCE SET public customers_id_seq app
      3199; 2606 16411 CONSTRAINT public customers customers_pkey app
      3203; 2606 16413 FK CONSTRAINT public order lines orders_customer_id_fkey app
      3200; 1259 16417 INDEX public orders_created_at_idx app
      2; 3079 16384 EXTENSION - pgcrypto\s
      """;

  @Test
  void readsTableDataSequenceValuesSchemasAndCounts() {
    TableOfContents toc = TableOfContents.parse(LISTING);

    assertThat(toc.tableData()).containsExactly("public.customers", "public.order lines");
    assertThat(toc.sequenceValues()).containsExactly("public.customers_id_seq");
    assertThat(toc.schemas()).containsExactly("public");
    assertThat(toc.entries()).containsEntry("TABLE DATA", 2).containsEntry("FK CONSTRAINT", 1)
        .containsEntry("TABLE", 2).containsEntry("EXTENSION", 1);
  }
}
