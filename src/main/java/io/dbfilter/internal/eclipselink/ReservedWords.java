package io.dbfilter.internal.eclipselink;

import java.util.Locale;
import java.util.Set;

/**
 * Words a database will not take as a bare table or column name, so that generated names like
 * {@code user}, {@code order} and {@code group} can be quoted where (and only where) they must be.
 *
 * <p>Quoting only when needed matters on MariaDB: EclipseLink's table-existence check misses a
 * back-quoted table name there, so quoting {@code user} (not reserved on MariaDB) would make every
 * start try to create it again.
 */
final class ReservedWords {
    // SQL:2016 reserved words plus Derby's own; PostgreSQL's reserved words are a subset.
    private static final Set<String> STANDARD = words("""
        abs absent acos add all allocate alter analyse analyze and any are array array_agg
        array_max_cardinality as asc asensitive asin assertion asymmetric at atan atomic
        authorization avg begin begin_frame begin_partition between bigint binary bit blob
        boolean both by call called cardinality cascade cascaded case cast ceil ceiling char
        char_length character character_length check classifier clob close coalesce collate
        collation collect column commit condition connect connection constraint constraints
        contains continue convert copy corr corresponding cos cosh count covar_pop covar_samp
        create cross cube cume_dist current current_catalog current_date
        current_default_transform_group current_path current_role current_row current_schema
        current_time current_timestamp current_transform_group_for_type current_user cursor
        cycle date day deallocate dec decfloat decimal declare default deferrable deferred define
        delete dense_rank deref desc describe deterministic diagnostics disconnect distinct do
        double drop dynamic each element else empty end end_frame end_partition end-exec equals
        escape every except exception exec execute exists exp explain external extract false
        fetch filter first first_value float floor for foreign found frame_row free from full
        function fusion get getcurrentconnection global go goto grant group grouping groups
        having hold hour identity immediate in indicator initial initially inner inout input
        insensitive insert int integer intersect intersection interval into is isolation join
        json_array json_arrayagg json_exists json_object json_objectagg json_query json_table
        json_table_primitive json_value key lag language large last last_value lateral lead
        leading left like like_regex limit listagg ln local localtime localtimestamp log log10
        lower ltrim match match_number match_recognize matches max measures member merge method
        min minute mod modifies module month multiset national natural nchar nclob new next no
        none normalize not nth_value ntile null nullif numeric nvarchar occurrences_regex
        octet_length of offset old omit on one only open option or order out outer output over
        overlaps overlay pad parameter partial partition pattern per percent percent_rank
        percentile_cont percentile_disc period placing portion position position_regex power
        precedes precision prepare preserve primary prior privileges procedure ptf public range
        rank read reads real recursive ref references referencing regr_avgx regr_avgy
        regr_count regr_intercept regr_r2 regr_slope regr_sxx regr_sxy regr_syy relative
        release restrict result return returning returns revoke right rollback rollup row
        row_number rows rtrim running savepoint schema scope scroll search second seek select
        sensitive session_user set show similar sin sinh skip smallint some space specific
        specifictype sql sqlcode sqlerror sqlexception sqlstate sqlwarning sqrt start static
        stddev_pop stddev_samp submultiset subset substr substring substring_regex succeeds sum
        symmetric system system_time system_user table tablesample tan tanh temporary then
        time timestamp timezone_hour timezone_minute to trailing transaction translate
        translate_regex translation treat trigger trim trim_array true truncate uescape union
        unique unknown unnest update upper user using value values value_of var_pop var_samp
        varbinary varchar variadic varying verbose versioning view when whenever where
        width_bucket window with within without work write xml xmlexists xmlparse xmlquery
        xmlserialize year
        """);

    // MariaDB 10.11 / MySQL 8 reserved words; note that "user" is not one of them.
    private static final Set<String> MYSQL = words("""
        accessible add all alter analyze and as asc asensitive before between bigint binary blob
        both by call cascade case change char character check collate column condition
        constraint continue convert create cross cube cume_dist current_date current_role
        current_time current_timestamp current_user cursor database databases day_hour
        day_microsecond day_minute day_second dec decimal declare default delayed delete
        dense_rank desc describe deterministic distinct distinctrow div do_domain_ids double
        drop dual each else elseif empty enclosed escaped except exists exit explain false fetch
        first_value float float4 float8 for force foreign from fulltext function general
        generated get grant group grouping groups having high_priority hour_microsecond
        hour_minute hour_second if ignore ignore_domain_ids ignore_server_ids in index infile
        inner inout insensitive insert int int1 int2 int3 int4 int8 integer intersect interval
        into io_after_gtids io_before_gtids is iterate join json_table key keys kill lag
        last_value lateral lead leading leave left like limit linear lines load localtime
        localtimestamp lock long longblob longtext loop low_priority master_bind
        master_heartbeat_period master_ssl_verify_server_cert match maxvalue mediumblob
        mediumint mediumtext middleint minute_microsecond minute_second mod modifies natural not
        no_write_to_binlog nth_value ntile null numeric of offset on optimize optimizer_costs
        option optionally or order out outer outfile over page_checksum parse_vcol_expr
        partition percent_rank position precision primary procedure purge range rank read
        read_write reads real recursive ref_system_id references regexp release rename repeat
        replace require resignal restrict return returning revoke right rlike row row_number
        rows schema schemas second_microsecond select sensitive separator set show signal
        slow smallint spatial specific sql sql_big_result sql_calc_found_rows
        sql_small_result sqlexception sqlstate sqlwarning ssl starting stats_auto_recalc
        stats_persistent stats_sample_pages stored straight_join system table terminated then
        tinyblob tinyint tinytext to trailing trigger true undo union unique unlock unsigned
        update usage use using utc_date utc_time utc_timestamp values varbinary varchar
        varcharacter varying virtual when where while window with write xor year_month
        zerofill
        """);

    private ReservedWords() {
    }

    /** Whether {@code name} must be quoted on a database of the MySQL family or on any other. */
    static boolean isReserved(String name, boolean mysqlFamily) {
        return (mysqlFamily ? MYSQL : STANDARD).contains(name.toLowerCase(Locale.ROOT));
    }

    private static Set<String> words(String text) {
        return Set.of(text.strip().split("\\s+"));
    }
}
