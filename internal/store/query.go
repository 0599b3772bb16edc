package store

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Load reads the aggregate with this key into dst, locking its row in a
// write transaction on PostgreSQL; ErrNotFound when no row matches (also
// when a condition in where does not hold).
func (t *Tx) Load(ctx context.Context, tb *Table, id string, dst any, where ...Cond) error {
	q := Q{Where: append([]Cond{Eq(tb.key, id)}, where...), Limit: 1, lock: true}
	objs, err := t.find(ctx, tb, q)
	if err != nil {
		return err
	}
	if len(objs) == 0 {
		return fmt.Errorf("%s %s: %w", tb.Name, id, ErrNotFound)
	}
	if err := json.Unmarshal(objs[0], dst); err != nil {
		return fmt.Errorf("decode %s %s: %w", tb.Name, id, err)
	}
	return nil
}

// Find returns the aggregates of a table matching q, decoded into T.
func Find[T any](ctx context.Context, t *Tx, tb *Table, q Q) ([]T, error) {
	objs, err := t.find(ctx, tb, q)
	if err != nil {
		return nil, err
	}
	out := make([]T, len(objs))
	for i, o := range objs {
		if err := json.Unmarshal(o, &out[i]); err != nil {
			return nil, fmt.Errorf("decode %s: %w", tb.Name, err)
		}
	}
	return out, nil
}

// Count returns how many rows of a table match every condition.
func (t *Tx) Count(ctx context.Context, tb *Table, where ...Cond) (int, error) {
	w, args, err := t.where(tb, Q{Where: where})
	if err != nil {
		return 0, err
	}
	var n int
	if err := t.queryRow(ctx, "SELECT COUNT(*) FROM "+tb.Name+w, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count %s: %w", tb.Name, err)
	}
	return n, nil
}

// find selects the rows of q and assembles each aggregate's JSON.
func (t *Tx) find(ctx context.Context, tb *Table, q Q) ([]json.RawMessage, error) {
	tb.prepare()
	w, args, err := t.where(tb, q)
	if err != nil {
		return nil, err
	}
	order := q.OrderBy
	if order == "" {
		order = tb.key
	}
	dir := ""
	if q.Desc {
		dir = " DESC"
	}
	query := "SELECT " + tb.sel + " FROM " + tb.Name + w + " ORDER BY " + order + dir
	if order != tb.key {
		query += ", " + tb.key + dir
	}
	if q.Limit > 0 {
		query += " LIMIT " + strconv.Itoa(q.Limit)
	}
	if q.lock {
		query += t.forUpdate()
	}
	rows, err := t.query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("find %s: %w", tb.Name, err)
	}
	var objs []map[string]any
	var keys []string
	vals, ptrs := scanTargets(len(tb.cols) + 1)
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			rows.Close()
			return nil, fmt.Errorf("find %s: %w", tb.Name, err)
		}
		m, err := assemble(tb, vals)
		if err != nil {
			rows.Close()
			return nil, err
		}
		objs = append(objs, m)
		keys = append(keys, fmt.Sprint(vals[0]))
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("find %s: %w", tb.Name, err)
	}
	if err := t.readChildren(ctx, tb, keys, objs); err != nil {
		return nil, err
	}
	out := make([]json.RawMessage, len(objs))
	for i, m := range objs {
		b, err := json.Marshal(m)
		if err != nil {
			return nil, fmt.Errorf("encode %s: %w", tb.Name, err)
		}
		out[i] = b
	}
	return out, nil
}

// assemble rebuilds an aggregate's JSON object from its row: data, then
// each column put back at its path.
func assemble(tb *Table, vals []any) (map[string]any, error) {
	m := map[string]any{}
	if d := vals[len(vals)-1]; d != nil {
		var b []byte
		switch x := d.(type) {
		case string:
			b = []byte(x)
		case []byte:
			b = x
		default:
			return nil, fmt.Errorf("%s.data: unexpected %T", tb.Name, d)
		}
		var err error
		if m, err = decodeObject(b); err != nil {
			return nil, fmt.Errorf("%s.data: %w", tb.Name, err)
		}
	}
	for i, c := range tb.cols {
		v, err := fromSQL(c, vals[i])
		if err != nil {
			return nil, fmt.Errorf("%s: %w", tb.Name, err)
		}
		if v == nil {
			continue
		}
		if c.kind == set {
			m[c.name] = v
			continue
		}
		putPath(m, c.path, v)
	}
	return m, nil
}

// readChildren fills the child lists of the aggregates objs (keys in the
// same order), one query per child table.
func (t *Tx) readChildren(ctx context.Context, tb *Table, keys []string, objs []map[string]any) error {
	if len(keys) == 0 {
		return nil
	}
	index := make(map[string]map[string]any, len(keys))
	for i, k := range keys {
		index[k] = objs[i]
		for _, ch := range tb.children {
			objs[i][ch.field] = []any{}
		}
	}
	done := map[string]bool{}
	for _, ch := range tb.children {
		if done[ch.table] {
			continue
		}
		done[ch.table] = true
		var group []child // every list kept in this table
		for _, c := range tb.children {
			if c.table == ch.table {
				group = append(group, c)
			}
		}
		names := []string{ch.parent}
		if len(ch.fixed) == 2 {
			names = append(names, ch.fixed[0])
		} else {
			names = append(names, "''")
		}
		for _, c := range ch.cols {
			names = append(names, c.name)
		}
		var args []any
		in := bind(&args, keys...)
		rows, err := t.query(ctx, "SELECT "+strings.Join(names, ", ")+" FROM "+ch.table+" WHERE "+ch.parent+
			" IN ("+in+") ORDER BY "+ch.parent+", pos", args...)
		if err != nil {
			return fmt.Errorf("read %s: %w", ch.table, err)
		}
		vals, ptrs := scanTargets(len(names))
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				rows.Close()
				return fmt.Errorf("read %s: %w", ch.table, err)
			}
			parent := index[fmt.Sprint(vals[0])]
			fixed := fmt.Sprint(vals[1])
			if b, ok := vals[1].([]byte); ok {
				fixed = string(b)
			}
			for _, g := range group {
				if len(g.fixed) == 2 && g.fixed[1] != fixed {
					continue
				}
				var item any
				if g.cols[0].path[0] == "" {
					if item, err = fromSQL(g.cols[0], vals[2]); err != nil {
						rows.Close()
						return err
					}
				} else {
					obj := map[string]any{}
					for i, c := range g.cols {
						v, err := fromSQL(c, vals[i+2])
						if err != nil {
							rows.Close()
							return err
						}
						if v != nil {
							putPath(obj, c.path, v)
						}
					}
					item = obj
				}
				parent[g.field] = append(parent[g.field].([]any), item)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("read %s: %w", ch.table, err)
		}
	}
	return nil
}

// Q is a query of one table: conditions on its columns, an order (the key
// unless OrderBy names a column) and a keyset page: the rows after the row
// whose key is After, in that order.
type Q struct {
	Where   []Cond
	OrderBy string
	Desc    bool
	After   string
	Limit   int
	lock    bool // FOR UPDATE (Load)
}

// Cond is one condition on a table's columns, made by Eq, In, AnyOf,
// Since, Before or Has. Its text holds ? where its arguments go.
type Cond struct {
	text  string
	cols  []string
	child string // Has: the child table
	args  []any
}

// Eq holds when the column equals v.
func Eq(col string, v any) Cond { return Cond{text: col + " = ?", cols: []string{col}, args: []any{v}} }

// In holds when the column is one of vs (never, for none).
func In[S ~string](col string, vs ...S) Cond {
	if len(vs) == 0 {
		return Cond{text: "1 = 0", cols: []string{col}}
	}
	args := make([]any, len(vs))
	for i, v := range vs {
		args[i] = string(v)
	}
	return Cond{text: col + " IN (" + strings.TrimSuffix(strings.Repeat("?, ", len(vs)), ", ") + ")", cols: []string{col}, args: args}
}

// AnyOf holds when any of the columns equals v.
func AnyOf(v any, cols ...string) Cond {
	parts := make([]string, len(cols))
	args := make([]any, len(cols))
	for i, c := range cols {
		parts[i], args[i] = c+" = ?", v
	}
	return Cond{text: "(" + strings.Join(parts, " OR ") + ")", cols: cols, args: args}
}

// Since holds when the time column is at or after at.
func Since(col string, at time.Time) Cond {
	return Cond{text: col + " >= ?", cols: []string{col}, args: []any{stampValue(at)}}
}

// Before holds when the time column is before at.
func Before(col string, at time.Time) Cond {
	return Cond{text: col + " < ?", cols: []string{col}, args: []any{stampValue(at)}}
}

// Has holds when a row of the child table names the aggregate and has col
// equal to v (a case whose related accounts include one).
func Has(childTable, col string, v any) Cond {
	return Cond{text: col + " = ?", child: childTable, cols: []string{col}, args: []any{v}}
}

// stampValue marks a time argument, converted to the engine's form when
// the query is built.
type stampValue time.Time

// where builds the WHERE clause (with the page's keyset condition) and its
// arguments, checking every column against the table.
func (t *Tx) where(tb *Table, q Q) (string, []any, error) {
	tb.prepare()
	var sb strings.Builder
	var args []any
	arg := func(v any) string {
		if s, ok := v.(stampValue); ok {
			v = t.stampArg(time.Time(s))
		}
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	conds := q.Where
	// {C} in a condition compares text byte by byte, as the indexes made
	// for prefix search do (SQLite's default; PostgreSQL's "C" collation).
	collate := ""
	if t.engine == Postgres {
		collate = ` COLLATE "C"`
	}
	for i, c := range conds {
		text := strings.ReplaceAll(c.text, "{C}", collate)
		if c.child != "" {
			ch := tb.childTable(c.child)
			if ch == nil || !slices.ContainsFunc(ch.cols, func(x Column) bool { return x.name == c.cols[0] }) {
				return "", nil, fmt.Errorf("%s has no child table %s with %s", tb.Name, c.child, c.cols[0])
			}
			text = tb.key + " IN (SELECT " + ch.parent + " FROM " + ch.table + " WHERE " + text + ")"
		} else {
			for _, col := range c.cols {
				if !tb.has(col) {
					return "", nil, fmt.Errorf("%s has no column %s", tb.Name, col)
				}
			}
		}
		if i == 0 {
			sb.WriteString(" WHERE ")
		} else {
			sb.WriteString(" AND ")
		}
		for _, a := range c.args {
			k := strings.IndexByte(text, '?')
			sb.WriteString(text[:k])
			sb.WriteString(arg(a))
			text = text[k+1:]
		}
		sb.WriteString(text)
	}
	if q.OrderBy != "" && !tb.has(q.OrderBy) {
		return "", nil, fmt.Errorf("%s has no column %s", tb.Name, q.OrderBy)
	}
	if q.After != "" {
		if len(conds) == 0 {
			sb.WriteString(" WHERE ")
		} else {
			sb.WriteString(" AND ")
		}
		op := " > "
		if q.Desc {
			op = " < "
		}
		if q.OrderBy == "" {
			sb.WriteString(tb.key + op + arg(q.After))
		} else {
			p := arg(q.After)
			sb.WriteString("(" + q.OrderBy + ", " + tb.key + ")" + op + "(SELECT " + q.OrderBy + ", " + tb.key +
				" FROM " + tb.Name + " WHERE " + tb.key + " = " + p + ")")
		}
	}
	return sb.String(), args, nil
}

func (tb *Table) childTable(name string) *child {
	for i := range tb.children {
		if tb.children[i].table == name {
			return &tb.children[i]
		}
	}
	return nil
}

// IsNull holds when the column is NULL (an optional value not set).
func IsNull(col string) Cond { return Cond{text: col + " IS NULL", cols: []string{col}} }

// scanTargets are n values and the pointers to them that rows.Scan fills.
func scanTargets(n int) (vals, ptrs []any) {
	vals, ptrs = make([]any, n), make([]any, n)
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	return vals, ptrs
}
